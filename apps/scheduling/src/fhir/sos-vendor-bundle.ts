import { vendorSlotErrors } from '../slots/slot-input-rules';
import { Bundle, Identifier, Location, Resource, Schedule, Slot } from './fhir-types';
import { FhirIssue } from './operation-outcome';
import { SLOT_TYPE_SYSTEM, SPECIALTY_SYSTEM } from './sas-codes';
import { SOS_VISIBILITIES } from './sos-resources';
import { codesOf, locationTexts, placeOfLocation, slotModes, slotTexts, slotTimes, VendorSlot } from './vendor-bundle';

/** The SIRET system of FrOrganizationAgregateurSOS. */
export const SIRET_SYSTEM = 'urn:oid:1.2.250.1.71.4.2.2';

/**
 * Reads a SOS Médecins answer in the guide's shape (searchset of Schedules whose actor is
 * a Location, its `managingOrganization` the association, and the `_revinclude`d Slots).
 * Each slot belongs to the association (by SIRET), its place is the Location. Each Slot
 * is read on its own: a wrong one is an issue and costs only its association.
 */
export function parseSosBundle(
  input: unknown,
  types: readonly string[] = ['searchset'],
): { slots: VendorSlot[]; issues: (FhirIssue & { siret?: string })[] } {
  const bundle = input as Bundle;
  if (bundle?.resourceType !== 'Bundle' || !types.includes(bundle.type))
    return { slots: [], issues: [{ expression: 'Bundle.type', diagnostics: `a ${types.join(', ')} Bundle is expected` }] };
  const byRef = new Map<string, Resource>();
  for (const e of bundle.entry ?? []) {
    if (!e.resource?.id) continue;
    byRef.set(`${e.resource.resourceType}/${e.resource.id}`, e.resource);
    if (e.fullUrl) byRef.set(e.fullUrl, e.resource);
  }
  const slots: VendorSlot[] = [];
  const issues: (FhirIssue & { siret?: string })[] = [];
  (bundle.entry ?? []).forEach((entry, i) => {
    if (entry.resource?.resourceType !== 'Slot') return;
    const read = parseSosSlot(entry.resource as Slot, `Bundle.entry[${i}].resource`, (ref) => byRef.get(ref));
    if ('slot' in read) slots.push(read.slot);
    else issues.push(...read.issues.map((issue) => ({ ...issue, ...(read.siret && { siret: read.siret }) })));
  });
  return { slots, issues };
}

/**
 * Whether a Bundle is in the SOS Médecins shape: its Schedules' actors are Locations (an
 * association's sites), where the practitioners' shape has Practitioners. A Bundle without
 * any Schedule is not (an empty push is the practitioners' shape).
 */
export function isSosBundle(input: unknown): boolean {
  const entries = ((input as Bundle)?.entry ?? []).flatMap((e) =>
    e?.resource ? [{ resource: e.resource, fullUrl: e.fullUrl }] : [],
  );
  const typeOf = new Map<string, string>();
  for (const { resource, fullUrl } of entries) {
    if (resource.id) typeOf.set(`${resource.resourceType}/${resource.id}`, resource.resourceType);
    if (fullUrl) typeOf.set(fullUrl, resource.resourceType);
  }
  const actorTypes = entries
    .filter((e) => e.resource.resourceType === 'Schedule')
    .flatMap((e) => ((e.resource as Schedule).actor ?? []).map((a) => a.reference ?? ''))
    .map((ref) => typeOf.get(ref) ?? ref.split('/').at(-2));
  return actorTypes.includes('Location') && !actorTypes.includes('Practitioner');
}

function parseSosSlot(
  slot: Slot,
  at: string,
  resolve: (ref: string) => Resource | undefined,
): { slot: VendorSlot } | { issues: FhirIssue[]; siret?: string } {
  const issues: FhirIssue[] = [];
  const issue = (path: string, diagnostics: string) => issues.push({ expression: `${at}.${path}`, diagnostics });
  const schedule = slot.schedule?.reference ? (resolve(slot.schedule.reference) as Schedule | undefined) : undefined;
  const location = (schedule?.actor ?? [])
    .map((a) => (a.reference ? resolve(a.reference) : undefined))
    .find((r) => r?.resourceType === 'Location') as Location | undefined;
  const managing = location?.managingOrganization?.reference;
  const organization = managing ? (resolve(managing) as (Resource & { identifier?: Identifier[] }) | undefined) : undefined;
  // FrOrganizationAgregateurSOS fixes the system: the guide's own examples give the value alone.
  const idnst = organization?.identifier?.find((id) => id.system === SIRET_SYSTEM || id.system === undefined)?.value;
  // The IDNST of a SIRET is 3 + the 14 digits (the guide's examples); a bare SIRET is read too.
  const siret = idnst && /^3\d{14}$/.test(idnst) ? idnst.slice(1) : idnst;
  if (!schedule) issue('schedule', `the Schedule ${slot.schedule?.reference ?? '(none)'} is not in the Bundle`);
  else if (!location) issue('schedule', 'the Schedule has no Location actor in the Bundle');
  else if (!siret || !/^\d{14}$/.test(siret))
    issue('schedule', `the Location's managingOrganization has no SIRET (${SIRET_SYSTEM}, 3 + 14 digits)`);
  if (!location?.address?.postalCode) issue('schedule', 'the Location needs an address with a postal code');
  const { start, end } = slotTimes(slot, issue);
  const visibility = codesOf(slot.meta?.security ?? [], SLOT_TYPE_SYSTEM, SOS_VISIBILITIES, 'meta.security', issue);
  if (visibility.length === 0) issue('meta.security', `at least one SOS slot type (${SOS_VISIBILITIES.join(', ')}) is required`);
  const { modes, appointmentTypes } = slotModes(slot, issue);
  const specialties = (slot.specialty ?? []).flatMap(
    (s) => s.coding?.filter((c) => c.system === SPECIALTY_SYSTEM && c.code).map((c) => c.code!) ?? [],
  );
  const checked = vendorSlotErrors(at, {
    id: slot.id,
    start: slot.start,
    end: slot.end,
    specialties,
    bookingUrl: slot.comment,
    texts: [...locationTexts('schedule.actor(Location)', location), ['schedule.id', schedule?.id], ...slotTexts(slot)],
    position: location?.position && { path: 'schedule.actor(Location).position', ...location.position },
  });
  checked.forEach((e) => issues.push({ expression: e.field, diagnostics: e.reason }));
  if (issues.length) return { issues, ...(siret && { siret }) };
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
      reasons: (slot.serviceType ?? []).filter((s) => s.text).map((s) => s.text!),
      cpts: [],
      specialtyTexts: {},
      ...(slot.comment && { bookingUrl: slot.comment }),
      structure: { siret: siret! },
      place: {
        // One place per Location (the guide's Schedule is one per Location too).
        key: `Location/${location!.id}`,
        ...placeOfLocation(location!),
        ...(location!.telecom?.length && { telecom: location!.telecom }),
      },
    },
  };
}
