import { IDNPS_SYSTEM } from '@sas/referentials';
import { CPTS_SLOT_TYPE, CptsLink, CptsProfiles, cptsServiceType } from './cpts-resources';
import { ContactPoint, Identifier, Location, Practitioner, PractitionerRole, Schedule, Slot } from './fhir-types';
import { idNpsOf } from './practitioner-identifier';
import {
  ACT_CODE_SYSTEM,
  APPOINTMENT_TYPE_SYSTEM,
  IDENTIFIER_TYPE_SYSTEM,
  IDNST_SYSTEM,
  LOCATION_IDENTIFIER_TYPE_SYSTEM,
  PLACE_IDENTIFIER_SYSTEM,
  Profiles,
  SLOT_TYPE_SYSTEM,
  SPECIALTY_CODE,
  SPECIALTY_SYSTEM,
} from './sas-codes';
import { ConsultationModeCode } from '@sas/contracts';

/** A slot with who and where, as the FHIR slot search shows it. */
export interface SlotView {
  slot: {
    id: string;
    start: Date;
    end: Date;
    visibility: ('PUBLIC' | 'PRO' | 'SNP')[];
    modes: ConsultationModeCode[];
    appointmentType: 'ROUTINE' | 'WALKIN';
    specialties: string[];
    /** Consultation reasons (motifs), free text. */
    reasons: string[];
    /** The CPTS the slot is shared with. */
    cpts: CptsLink[];
    /** The text served beside a specialty code, by code. */
    specialtyTexts: Record<string, string>;
    bookingUrl: string | null;
    lastUpdated: Date;
  };
  practitioner: { id: string; rpps: string | null; adeli: string | null; familyName: string | null; givenName: string | null };
  place: {
    id: string;
    name: string | null;
    line: string | null;
    postalCode: string | null;
    city: string | null;
    latitude: number | null;
    longitude: number | null;
    /** The vendor's own identifier of the place, served back as it came. */
    identifier: Identifier | null;
    /** The structure's national identifier (IDNST: 1+FINESS, 3+SIRET, 4+RPPS rang, 0+ADELI rang). */
    structureIdnst: string | null;
    telecom: ContactPoint[] | null;
  };
}

/** Who and where, without the slot: what a Schedule, Practitioner and PractitionerRole need. */
export type PlaceView = Pick<SlotView, 'practitioner' | 'place'>;

export const scheduleId = (view: PlaceView) => view.place.id;
export const roleId = (view: PlaceView) => `${view.place.id}-role`;

export function slotResource(view: SlotView): Slot {
  const { slot } = view;
  return {
    resourceType: 'Slot',
    id: slot.id,
    meta: {
      // A slot shared with a CPTS follows the guide's CPTS slot profile.
      profile: [slot.cpts.length ? CptsProfiles.slot : Profiles.slot],
      lastUpdated: slot.lastUpdated.toISOString(),
      security: [...slot.visibility, ...(slot.cpts.length ? [CPTS_SLOT_TYPE] : [])].map((code) => ({
        system: SLOT_TYPE_SYSTEM,
        code,
      })),
    },
    // The guide's FAQ: every consultation reason travels, as serviceType text beside the modes.
    serviceType: [
      ...slot.modes.map((code) => ({ coding: [{ system: ACT_CODE_SYSTEM, code }] })),
      ...slot.cpts.map(cptsServiceType),
      ...slot.reasons.map((text) => ({ text })),
    ],
    ...(slot.specialties.length && {
      specialty: slot.specialties.map((s) =>
        SPECIALTY_CODE.test(s)
          ? { coding: [{ system: SPECIALTY_SYSTEM, code: s }], ...(slot.specialtyTexts[s] && { text: slot.specialtyTexts[s] }) }
          : { text: s },
      ),
    }),
    appointmentType: { coding: [{ system: APPOINTMENT_TYPE_SYSTEM, code: slot.appointmentType }] },
    schedule: { reference: `Schedule/${scheduleId(view)}` },
    status: 'free',
    start: slot.start.toISOString(),
    end: slot.end.toISOString(),
    ...(slot.bookingUrl && { comment: slot.bookingUrl }),
  };
}

export function scheduleResource(view: PlaceView): Schedule {
  return {
    resourceType: 'Schedule',
    id: scheduleId(view),
    meta: { profile: [Profiles.schedule] },
    actor: [{ reference: `Practitioner/${view.practitioner.id}` }, { reference: `PractitionerRole/${roleId(view)}` }],
  };
}

export function practitionerResource({ practitioner }: Pick<SlotView, 'practitioner'>): Practitioner {
  const idNps = idNpsOf(practitioner);
  return {
    resourceType: 'Practitioner',
    id: practitioner.id,
    meta: { profile: [Profiles.practitioner] },
    identifier: idNps
      ? [{ type: { coding: [{ system: IDENTIFIER_TYPE_SYSTEM, code: 'IDNPS' }] }, system: IDNPS_SYSTEM, value: idNps }]
      : [],
    ...((practitioner.familyName || practitioner.givenName) && {
      name: [
        {
          ...(practitioner.familyName && { family: practitioner.familyName }),
          ...(practitioner.givenName && { given: [practitioner.givenName] }),
        },
      ],
    }),
  };
}

/** The place of consultation; the guide forbids empty elements, so an unknown part is left out. */
export function locationResource({ place }: Pick<SlotView, 'place'>): Location {
  return {
    resourceType: 'Location',
    id: 'place',
    meta: { profile: [Profiles.location] },
    identifier: [place.identifier ?? ourLocationIdentifier(place.id)],
    ...(place.name && { name: place.name }),
    ...addressAndPosition(place),
  };
}

/** Our own identifier of a place, typed as the FAQ asks (system, type, value). */
export function ourLocationIdentifier(placeId: string): Identifier {
  return {
    type: { coding: [{ system: LOCATION_IDENTIFIER_TYPE_SYSTEM, code: 'INTRN' }] },
    system: PLACE_IDENTIFIER_SYSTEM,
    value: placeId,
  };
}

/** A Location's address and position from a place's columns, each left out when empty (no empty elements). */
export function addressAndPosition(place: {
  line: string | null;
  postalCode: string | null;
  city: string | null;
  latitude: number | null;
  longitude: number | null;
}): Pick<Location, 'address' | 'position'> {
  const address = {
    ...(place.line && { line: [place.line] }),
    ...(place.city && { city: place.city }),
    ...(place.postalCode && { postalCode: place.postalCode }),
  };
  return {
    ...(Object.keys(address).length && { address }),
    ...(place.latitude !== null &&
      place.longitude !== null && { position: { latitude: place.latitude, longitude: place.longitude } }),
  };
}

export function practitionerRoleResource(view: PlaceView): PractitionerRole {
  const { place } = view;
  return {
    resourceType: 'PractitionerRole',
    id: roleId(view),
    meta: { profile: [Profiles.practitionerRole] },
    contained: [locationResource(view)],
    practitioner: { reference: `Practitioner/${view.practitioner.id}` },
    ...(place.structureIdnst && {
      organization: {
        identifier: {
          type: { coding: [{ system: IDENTIFIER_TYPE_SYSTEM, code: 'IDNST' }] },
          system: IDNST_SYSTEM,
          value: place.structureIdnst,
        },
      },
    }),
    location: [{ reference: '#place' }],
    ...(place.telecom?.length && { telecom: place.telecom }),
  };
}
