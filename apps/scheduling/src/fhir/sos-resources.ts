import { Resource } from './fhir-types';
import { addressAndPosition, ourLocationIdentifier, SlotView } from './resource-mappings';
import {
  ACT_CODE_SYSTEM,
  APPOINTMENT_TYPE_SYSTEM,
  IDNST_SYSTEM,
  LOCATION_IDENTIFIER_TYPE_SYSTEM,
  SLOT_TYPE_SYSTEM,
} from './sas-codes';

const SOS = 'https://interop.esante.gouv.fr/ig/fhir/sas/StructureDefinition';
export const SosProfiles = {
  bundle: `${SOS}/sas-sos-bundle-aggregator`,
  slot: `${SOS}/sas-sos-slot-aggregator`,
  schedule: `${SOS}/sas-sos-schedule-aggregator`,
  location: `${SOS}/sas-sos-location-aggregator`,
  organization: `${SOS}/sas-sos-organization-aggregator`,
} as const;

/** A place of consultation of an SOS Médecins association, with its association. */
export interface SosPlace {
  id: string;
  name: string | null;
  line: string | null;
  postalCode: string | null;
  city: string | null;
  latitude: number | null;
  longitude: number | null;
  structure: { id: string; siret: string; name: string };
}

/** The slot types an SOS answer may carry (sas-sos-valueset-typecreneau): PRO is not among them. */
export const SOS_VISIBILITIES = ['PUBLIC', 'SNP'] as const;

export const sosScheduleId = (place: SosPlace) => place.id;

export function sosSlotResource(view: SlotView['slot'], place: SosPlace): Resource {
  return {
    resourceType: 'Slot',
    id: view.id,
    meta: {
      profile: [SosProfiles.slot],
      lastUpdated: view.lastUpdated.toISOString(),
      security: view.visibility
        .filter((v) => (SOS_VISIBILITIES as readonly string[]).includes(v))
        .map((code) => ({ system: SLOT_TYPE_SYSTEM, code })),
    },
    serviceType: view.modes.map((code) => ({ coding: [{ system: ACT_CODE_SYSTEM, code }] })),
    appointmentType: { coding: [{ system: APPOINTMENT_TYPE_SYSTEM, code: view.appointmentType }] },
    schedule: { reference: `Schedule/${sosScheduleId(place)}` },
    status: 'free',
    start: view.start.toISOString(),
    end: view.end.toISOString(),
    ...(view.bookingUrl && { comment: view.bookingUrl }),
  } as Resource;
}

export function sosScheduleResource(place: SosPlace): Resource {
  return {
    resourceType: 'Schedule',
    id: sosScheduleId(place),
    meta: { profile: [SosProfiles.schedule] },
    actor: [{ reference: `Location/${place.id}` }],
  } as Resource;
}

/** The guide asks for a name and a full address: a part we do not hold is left out rather than served empty. */
export function sosLocationResource(place: SosPlace): Resource {
  return {
    resourceType: 'Location',
    id: place.id,
    meta: { profile: [SosProfiles.location] },
    identifier: [ourLocationIdentifier(place.id)],
    name: place.name ?? place.structure.name,
    ...addressAndPosition(place),
    managingOrganization: { reference: `Organization/${place.structure.id}` },
  } as Resource;
}

export function sosOrganizationResource(place: SosPlace): Resource {
  return {
    resourceType: 'Organization',
    id: place.structure.id,
    meta: { profile: [SosProfiles.organization] },
    // The guide's SOS profile types this identifier with fr-location-identifier-type#IDNST.
    identifier: [
      {
        type: { coding: [{ system: LOCATION_IDENTIFIER_TYPE_SYSTEM, code: 'IDNST' }] },
        system: IDNST_SYSTEM,
        value: `3${place.structure.siret}`,
      },
    ],
    name: place.structure.name,
  } as Resource;
}
