import { IDNPS_SYSTEM, rppsToIdNps } from '@sas/referentials';
import { Bundle, BundleEntry, Location, Practitioner, PractitionerRole, Schedule, Slot } from './fhir-types';
import {
  ACT_CODE_SYSTEM,
  APPOINTMENT_TYPE_SYSTEM,
  IDENTIFIER_TYPE_SYSTEM,
  Profiles,
  SLOT_TYPE_SYSTEM,
  SPECIALTY_CODE,
  SPECIALTY_SYSTEM,
} from './sas-codes';

/** A slot with who and where, as the FHIR slot search shows it. */
export interface SlotView {
  slot: {
    id: string;
    start: Date;
    end: Date;
    visibility: ('PUBLIC' | 'PRO' | 'SNP')[];
    modes: ('AMB' | 'HH' | 'VR')[];
    appointmentType: 'ROUTINE' | 'WALKIN';
    specialties: string[];
    bookingUrl: string | null;
    lastUpdated: Date;
  };
  practitioner: { id: string; rpps: string; familyName: string | null; givenName: string | null };
  place: { id: string; name: string | null; line: string | null; postalCode: string | null; city: string | null; latitude: number | null; longitude: number | null };
}

/**
 * The guide's `searchset` Bundle: matching Slots, and (when included) one Schedule per
 * place of consultation, its Practitioner and a PractitionerRole with the place as a
 * contained Location. `total` counts the Slots.
 */
export function toSearchsetBundle(views: SlotView[], options: { baseUrl: string; selfUrl: string; include: boolean }): Bundle {
  const entries: BundleEntry[] = [];
  const included = new Set<string>();
  const add = (resource: Slot | Schedule | Practitioner | PractitionerRole, mode: 'match' | 'include') => {
    const key = `${resource.resourceType}/${resource.id}`;
    if (mode === 'include' && included.has(key)) return;
    included.add(key);
    entries.push({ fullUrl: `${options.baseUrl}/${key}`, resource, search: { mode } });
  };
  for (const view of views) {
    add(slotResource(view), 'match');
    if (!options.include) continue;
    add(scheduleResource(view), 'include');
    add(practitionerResource(view), 'include');
    add(practitionerRoleResource(view), 'include');
  }
  return {
    resourceType: 'Bundle',
    meta: { profile: [Profiles.bundle] },
    type: 'searchset',
    total: views.length,
    link: [{ relation: 'self', url: options.selfUrl }],
    entry: entries,
  };
}

const scheduleId = (view: SlotView) => view.place.id;
const roleId = (view: SlotView) => `${view.place.id}-role`;

function slotResource({ slot, ...view }: SlotView): Slot {
  return {
    resourceType: 'Slot',
    id: slot.id,
    meta: {
      profile: [Profiles.slot],
      lastUpdated: slot.lastUpdated.toISOString(),
      security: slot.visibility.map((code) => ({ system: SLOT_TYPE_SYSTEM, code })),
    },
    serviceType: slot.modes.map((code) => ({ coding: [{ system: ACT_CODE_SYSTEM, code }] })),
    specialty: slot.specialties.map((s) => (SPECIALTY_CODE.test(s) ? { coding: [{ system: SPECIALTY_SYSTEM, code: s }] } : { text: s })),
    appointmentType: { coding: [{ system: APPOINTMENT_TYPE_SYSTEM, code: slot.appointmentType }] },
    schedule: { reference: `Schedule/${scheduleId({ slot, ...view })}` },
    status: 'free',
    start: slot.start.toISOString(),
    end: slot.end.toISOString(),
    ...(slot.bookingUrl && { comment: slot.bookingUrl }),
  };
}

function scheduleResource(view: SlotView): Schedule {
  return {
    resourceType: 'Schedule',
    id: scheduleId(view),
    meta: { profile: [Profiles.schedule] },
    actor: [{ reference: `Practitioner/${view.practitioner.id}` }, { reference: `PractitionerRole/${roleId(view)}` }],
  };
}

function practitionerResource({ practitioner }: SlotView): Practitioner {
  return {
    resourceType: 'Practitioner',
    id: practitioner.id,
    meta: { profile: [Profiles.practitioner] },
    identifier: [
      { type: { coding: [{ system: IDENTIFIER_TYPE_SYSTEM, code: 'IDNPS' }] }, system: IDNPS_SYSTEM, value: rppsToIdNps(practitioner.rpps) },
    ],
    ...((practitioner.familyName || practitioner.givenName) && {
      name: [{ ...(practitioner.familyName && { family: practitioner.familyName }), ...(practitioner.givenName && { given: [practitioner.givenName] }) }],
    }),
  };
}

function practitionerRoleResource(view: SlotView): PractitionerRole {
  const { place } = view;
  const location: Location = {
    resourceType: 'Location',
    id: 'place',
    meta: { profile: [Profiles.location] },
    identifier: [{ system: 'urn:sas:place', value: place.id }],
    ...(place.name && { name: place.name }),
    address: {
      ...(place.line && { line: [place.line] }),
      ...(place.city && { city: place.city }),
      ...(place.postalCode && { postalCode: place.postalCode }),
    },
    ...(place.latitude !== null && place.longitude !== null && { position: { latitude: place.latitude, longitude: place.longitude } }),
  };
  return {
    resourceType: 'PractitionerRole',
    id: roleId(view),
    meta: { profile: [Profiles.practitionerRole] },
    contained: [location],
    practitioner: { reference: `Practitioner/${view.practitioner.id}` },
    location: [{ reference: '#place' }],
  };
}
