import { IDNPS_SYSTEM, idNpsToRpps } from '@sas/referentials';
import { Bundle, Practitioner, Resource, Schedule } from '../../fhir/fhir-types';
import { SLOT_TYPE_SYSTEM } from '../../fhir/sas-codes';
import { parseSosBundle } from '../../fhir/sos-vendor-bundle';
import { parseVendorBundle, VendorSlot } from '../../fhir/vendor-bundle';
import { VendorFlow } from '../vendor-endpoint';

/**
 * Reads the pages of one pulled search. A Slot that is wrong costs only its own
 * practitioner: the others' slots are kept, and that practitioner is left out of the
 * sync (its slots neither refreshed nor withdrawn) until the vendor answers well again.
 */
export function readPulledPages(
  pages: object[],
  asked: string[],
  flow: VendorFlow = 'INT_R01',
): { slots: VendorSlot[]; confirmed: string[]; problems: string[] } {
  if (flow === 'INT_R04') pages = pages.map(withoutCptsSlotType);
  const slots: VendorSlot[] = [];
  const broken = new Set<string>();
  const problems: string[] = [];
  let unattributed = false;
  for (const page of pages) {
    const parsed = parseVendorBundle(page);
    if (parsed.ok) {
      slots.push(...parsed.slots);
      continue;
    }
    const bundle = page as Bundle;
    const others = (bundle.entry ?? []).filter((e) => e.resource?.resourceType !== 'Slot');
    for (const entry of bundle.entry ?? []) {
      if (entry.resource?.resourceType !== 'Slot') continue;
      const alone = parseVendorBundle({ ...bundle, entry: [entry, ...others] });
      if (alone.ok) slots.push(...alone.slots);
      else {
        problems.push(...alone.issues.map((i) => `${i.expression ?? ''}: ${i.diagnostics}`));
        const rpps = practitionerOf(entry.resource, others.map((e) => e.resource!).filter(Boolean));
        if (rpps) broken.add(rpps);
        else unattributed = true;
      }
    }
  }
  const askedSet = new Set(asked);
  // A slot for a practitioner we did not ask about is not the vendor's to give here.
  const kept = slots.filter(
    (s) => s.practitioner !== undefined && askedSet.has(s.practitioner.rpps) && !broken.has(s.practitioner.rpps),
  );
  const confirmed = unattributed ? [] : asked.filter((r) => !broken.has(r));
  return { slots: kept, confirmed, problems };
}

function practitionerOf(slot: Resource, others: Resource[]): string | undefined {
  const ref = (slot as { schedule?: { reference?: string } }).schedule?.reference;
  const schedule = others.find((r) => `${r.resourceType}/${r.id}` === ref) as Schedule | undefined;
  for (const actor of schedule?.actor ?? []) {
    const practitioner = others.find((r) => `${r.resourceType}/${r.id}` === actor.reference) as Practitioner | undefined;
    const value = practitioner?.identifier?.find((i) => i.system === IDNPS_SYSTEM || i.system === undefined)?.value;
    if (value && idNpsToRpps(value)) return idNpsToRpps(value);
  }
  return undefined;
}

/**
 * A CPTS answer (INT_R04) marks its Slots with the slot type `CPTS` beside PUBLIC, PRO or
 * SNP. Our visibilities have no CPTS: the mark is dropped and the other types kept, so a
 * Slot typed CPTS alone is still refused (no visibility) rather than guessed.
 */
function withoutCptsSlotType(page: object): object {
  const bundle = page as Bundle;
  return {
    ...bundle,
    entry: (bundle.entry ?? []).map((e) => {
      if (e.resource?.resourceType !== 'Slot' || !e.resource.meta?.security) return e;
      const security = e.resource.meta.security.filter((c) => !(c.system === SLOT_TYPE_SYSTEM && c.code === 'CPTS'));
      return { ...e, resource: { ...e.resource, meta: { ...e.resource.meta, security } } };
    }),
  };
}

/**
 * Reads the pages of one SOS Médecins search: each slot belongs to the association (SIRET)
 * its Location names. A wrong Slot costs only its association; a wrong Slot naming no
 * association leaves every association of the search unconfirmed.
 */
export function readPulledSosPages(
  pages: object[],
  asked: string[],
): { slots: VendorSlot[]; confirmed: string[]; problems: string[] } {
  const slots: VendorSlot[] = [];
  const broken = new Set<string>();
  const problems: string[] = [];
  let unattributed = false;
  for (const page of pages) {
    const parsed = parseSosBundle(page);
    slots.push(...parsed.slots);
    for (const issue of parsed.issues) {
      problems.push(`${issue.expression ?? ''}: ${issue.diagnostics}`);
      if (issue.siret) broken.add(issue.siret);
      else unattributed = true;
    }
  }
  const askedSet = new Set(asked);
  // An association we did not ask about is not the vendor's to give here.
  const kept = slots.filter((s) => s.structure && askedSet.has(s.structure.siret) && !broken.has(s.structure.siret));
  const confirmed = unattributed ? [] : asked.filter((s) => !broken.has(s));
  return { slots: kept, confirmed, problems };
}
