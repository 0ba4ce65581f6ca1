import { IDNPS_SYSTEM, idNpsToRpps } from '@sas/referentials';
import {
  Bundle,
  ContactPoint,
  Identifier,
  Location,
  Practitioner,
  PractitionerRole,
  Resource,
  Schedule,
  Slot,
} from './fhir-types';
import { CPTS_SLOT_TYPE, CptsLink, cptsOfServiceType } from './cpts-resources';
import { vendorSlotErrors } from '../slots/slot-input-rules';
import { FhirIssue } from './operation-outcome';
import {
  ACT_CODE_SYSTEM,
  APPOINTMENT_TYPES,
  APPOINTMENT_TYPE_SYSTEM,
  IDNST_SYSTEM,
  MODES,
  SLOT_TYPE_SYSTEM,
  SPECIALTY_SYSTEM,
  VISIBILITIES,
} from './sas-codes';
import { ConsultationModeCode } from '@sas/contracts';

/** One slot of a vendor's feed, with its practitioner and place of consultation. */
export interface VendorSlot {
  externalId: string;
  status: 'free' | 'busy';
  start: Date;
  end: Date;
  visibility: ('PUBLIC' | 'PRO' | 'SNP')[];
  modes: ConsultationModeCode[];
  appointmentType: 'ROUTINE' | 'WALKIN';
  specialties: string[];
  /** Consultation reasons (motifs): the serviceType entries given as text. */
  reasons: string[];
  /** The CPTS the slot is shared with (serviceType 604 referencing their HealthcareService). */
  cpts: CptsLink[];
  /** The text given beside a specialty code, by code. */
  specialtyTexts: Record<string, string>;
  bookingUrl?: string;
  /** Whose slot it is: a practitioner (INT_R01, INT_R04) or a SOS Médecins association (by SIRET). */
  practitioner?: { rpps: string; familyName?: string; givenName?: string };
  structure?: { siret: string };
  /** The vendor's place: identified by the Schedule (one per place of consultation). */
  place: {
    key: string;
    name?: string;
    line?: string;
    postalCode?: string;
    city?: string;
    latitude?: number;
    longitude?: number;
    /** The vendor's own identifier of the Location, kept to be served back. */
    identifier?: Identifier;
    /** PractitionerRole.organization.identifier (IDNST) value. */
    structureIdnst?: string;
    telecom?: ContactPoint[];
  };
}

type Parsed = { ok: true; slots: VendorSlot[] } | { ok: false; issues: FhirIssue[] };

/**
 * Reads a vendor's Bundle in the guide's shape (Slots, their Schedules, Practitioners and
 * PractitionerRoles with a contained Location); every problem is an issue naming where.
 */
/** The Bundle types a vendor may push its slots in. */
export const PUSHED_BUNDLE_TYPES: readonly string[] = ['searchset', 'collection', 'transaction', 'batch'];

export function parseVendorBundle(input: unknown): Parsed {
  const bundle = input as Bundle;
  if (bundle?.resourceType !== 'Bundle') return fail('Bundle', 'a Bundle is expected');
  if (!PUSHED_BUNDLE_TYPES.includes(bundle.type)) return fail('Bundle.type', `type must be ${PUSHED_BUNDLE_TYPES.join(', ')}`);
  const entries = bundle.entry ?? [];
  const byRef = new Map<string, Resource>();
  entries.forEach((e) => {
    if (!e.resource?.id) return;
    byRef.set(`${e.resource.resourceType}/${e.resource.id}`, e.resource);
    if (e.fullUrl) byRef.set(e.fullUrl, e.resource);
  });
  const issues: FhirIssue[] = [];
  const slots: VendorSlot[] = [];
  entries.forEach((entry, i) => {
    if (entry.resource?.resourceType !== 'Slot') return;
    const at = `Bundle.entry[${i}].resource`;
    const parsed = parseSlot(entry.resource as Slot, at, (ref) => byRef.get(ref));
    if ('issues' in parsed) issues.push(...parsed.issues);
    else slots.push(parsed.slot);
  });
  const seen = new Set<string>();
  slots.forEach((s) =>
    seen.has(s.externalId)
      ? issues.push({ expression: 'Bundle.entry', diagnostics: `Slot ${s.externalId} appears twice` })
      : seen.add(s.externalId),
  );
  return issues.length ? { ok: false, issues } : { ok: true, slots };
}

function parseSlot(
  slot: Slot,
  at: string,
  resolve: (ref: string) => Resource | undefined,
): { slot: VendorSlot } | { issues: FhirIssue[] } {
  const issues: FhirIssue[] = [];
  const issue = (path: string, diagnostics: string) => issues.push({ expression: `${at}.${path}`, diagnostics });
  const { start, end } = slotTimes(slot, issue);

  // CPTS (TRE_R314) is not a visibility of ours: a slot is shared with the CPTS its serviceType names.
  const security = (slot.meta?.security ?? []).filter((c) => !(c.system === SLOT_TYPE_SYSTEM && c.code === CPTS_SLOT_TYPE));
  const visibility = codesOf(security, SLOT_TYPE_SYSTEM, VISIBILITIES, 'meta.security', issue);
  if (visibility.length === 0) issue('meta.security', `at least one slot type (${VISIBILITIES.join(', ')}) is required`);
  const { modes, appointmentTypes } = slotModes(slot, issue);
  const cpts: CptsLink[] = [];
  (slot.serviceType ?? []).forEach((entry, i) => {
    const link = cptsOfServiceType(entry as Parameters<typeof cptsOfServiceType>[0], resolve);
    if (link && 'reason' in link) issue(`serviceType[${i}]`, link.reason);
    else if (link && !cpts.some((c) => c.finess === link.finess)) cpts.push(link);
  });
  // Every consultation reason (motif) travels: the text of any serviceType, beside a mode or alone.
  const reasons = (slot.serviceType ?? []).filter((s) => s.text).map((s) => s.text!);
  const specialties = (slot.specialty ?? []).flatMap(
    (s) => (s.coding?.find((c) => c.system === SPECIALTY_SYSTEM)?.code ?? s.text ?? []) as string | string[],
  );
  const specialtyTexts: Record<string, string> = {};
  for (const s of slot.specialty ?? []) {
    const code = s.coding?.find((c) => c.system === SPECIALTY_SYSTEM)?.code;
    if (code && s.text) specialtyTexts[code] = s.text;
  }

  const schedule = slot.schedule?.reference ? (resolve(slot.schedule.reference) as Schedule | undefined) : undefined;
  if (!schedule) issue('schedule', `the Schedule ${slot.schedule?.reference ?? '(none)'} is not in the Bundle`);
  const actors = (schedule?.actor ?? []).map((a) => (a.reference ? resolve(a.reference) : undefined));
  const practitioner = actors.find((a) => a?.resourceType === 'Practitioner') as Practitioner | undefined;
  const role = actors.find((a) => a?.resourceType === 'PractitionerRole') as PractitionerRole | undefined;
  // FrPractitionerAgregateur fixes the system: an identifier without one (the guide's own
  // example instances) is read as IDNPS.
  const idnps = practitioner?.identifier?.find((id) => id.system === IDNPS_SYSTEM || id.system === undefined)?.value;
  const rpps = idnps ? idNpsToRpps(idnps) : undefined;
  // The check digit is not enforced: the admin's registration of the vendor for that RPPS
  // is the authority (the guide's own example numbers fail it).
  if (!practitioner) issue('schedule', 'the Schedule has no Practitioner actor in the Bundle');
  else if (!rpps) issue('schedule', `the Practitioner has no IDNPS identifier (${IDNPS_SYSTEM}, 8 + RPPS)`);
  const location = role?.contained?.find((c) => c.resourceType === 'Location') as Location | undefined;
  if (!location?.address?.postalCode)
    issue('schedule', 'the PractitionerRole needs a contained Location with an address and postal code');
  const name = practitioner?.name?.[0];
  // The same bounds and URL/position rules as the API's DTOs (slot-input-rules).
  const checked = vendorSlotErrors(at, {
    id: slot.id,
    start: slot.start,
    end: slot.end,
    specialties,
    bookingUrl: slot.comment,
    texts: [
      ['schedule(Practitioner).name.family', name?.family],
      ['schedule(Practitioner).name.given', name?.given?.[0]],
      ...locationTexts('schedule(PractitionerRole).contained(Location)', location),
      ['schedule.id', schedule?.id],
      ...slotTexts(slot),
    ],
    position: location?.position && { path: 'schedule(PractitionerRole).contained(Location).position', ...location.position },
  });
  checked.forEach((e) => issues.push({ expression: e.field, diagnostics: e.reason }));
  if (issues.length) return { issues };

  return {
    slot: {
      externalId: slot.id!,
      status: slot.status as 'free' | 'busy',
      start,
      end,
      visibility,
      modes,
      appointmentType: appointmentTypes[0] ?? 'ROUTINE',
      specialties,
      reasons,
      cpts,
      specialtyTexts,
      ...(slot.comment && { bookingUrl: slot.comment }),
      practitioner: {
        rpps: rpps!,
        ...(name?.family && { familyName: name.family }),
        ...(name?.given?.[0] && { givenName: name.given[0] }),
      },
      place: {
        key: schedule!.id!,
        ...placeOfLocation(location!),
        ...(role!.organization?.identifier?.system === IDNST_SYSTEM &&
          role!.organization.identifier.value && { structureIdnst: role!.organization.identifier.value }),
        ...(role!.telecom?.length && { telecom: role!.telecom }),
      },
    },
  };
}

/** The known codes of one system; an unknown code of that system is an error. */
type Issue = (path: string, diagnostics: string) => void;

/** A vendor Slot's own id, status and times, checked. */
export function slotTimes(slot: Slot, issue: Issue): { start: Date; end: Date } {
  if (!slot.id) issue('id', 'a Slot needs an id (the vendor’s slot identifier)');
  if (slot.status !== 'free' && slot.status !== 'busy') issue('status', 'status must be free or busy');
  const start = new Date(slot.start);
  const end = new Date(slot.end);
  if (!slot.start || Number.isNaN(start.getTime())) issue('start', 'start must be an instant');
  if (!slot.end || Number.isNaN(end.getTime())) issue('end', 'end must be an instant');
  else if (end <= start) issue('end', 'end must be after start');
  return { start, end };
}

/** A vendor Slot's consultation modes (at least one) and appointment types. */
export function slotModes(slot: Slot, issue: Issue) {
  const modes = codesOf(
    (slot.serviceType ?? []).flatMap((s) => s.coding ?? []),
    ACT_CODE_SYSTEM,
    MODES,
    'serviceType',
    issue,
  );
  if (modes.length === 0) issue('serviceType', `at least one consultation mode (${MODES.join(', ')}) is required`);
  const appointmentTypes = codesOf(
    slot.appointmentType?.coding ?? [],
    APPOINTMENT_TYPE_SYSTEM,
    APPOINTMENT_TYPES,
    'appointmentType',
    issue,
  );
  return { modes, appointmentTypes };
}

/** The texts of a Location that the input rules bound, under the FHIR path given. */
export function locationTexts(path: string, location: Location | undefined): [string, string | undefined][] {
  return [
    [`${path}.name`, location?.name],
    [`${path}.address.line`, location?.address?.line?.[0]],
    [`${path}.address.postalCode`, location?.address?.postalCode],
    [`${path}.address.city`, location?.address?.city],
  ];
}

/** The free texts of a slot that the input rules bound: its motifs and specialty texts. */
export function slotTexts(slot: Slot): [string, string | undefined][] {
  return [
    ...(slot.serviceType ?? []).map((s, i): [string, string | undefined] => [`serviceType[${i}].text`, s.text]),
    ...(slot.specialty ?? []).map((s, i): [string, string | undefined] => [`specialty[${i}].text`, s.text]),
  ];
}

/** A vendor's place of consultation as its Location describes it (checked: it has a postal code). */
export function placeOfLocation(location: Location) {
  return {
    ...(location.name && { name: location.name }),
    ...(location.address?.line?.[0] && { line: location.address.line[0] }),
    postalCode: location.address!.postalCode!,
    ...(location.address?.city && { city: location.address.city }),
    ...(location.position && { latitude: location.position.latitude, longitude: location.position.longitude }),
    ...(location.identifier?.[0] && { identifier: location.identifier[0] }),
  };
}

export function codesOf<T extends string>(
  codings: { system?: string; code?: string }[],
  system: string,
  known: readonly T[],
  path: string,
  issue: (path: string, diagnostics: string) => void,
): T[] {
  const found: T[] = [];
  codings.forEach((c, i) => {
    if (c.system !== system) return;
    if (!known.includes(c.code as T)) issue(`${path}[${i}]`, `unknown code ${c.code} in ${system}`);
    else if (!found.includes(c.code as T)) found.push(c.code as T);
  });
  return found;
}

function fail(expression: string, diagnostics: string): Parsed {
  return { ok: false, issues: [{ expression, diagnostics }] };
}
