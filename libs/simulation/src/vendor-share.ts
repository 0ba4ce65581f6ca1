import { PractitionerPlan, RegionPlan } from './region-plan';
import { seededRandom } from './random';

/** One agenda vendor of the simulated region and the practitioners whose agenda it holds. */
export interface VendorPart {
  id: string;
  /** The part of the region published to that vendor instead of to our scheduling (no structures). */
  plan: RegionPlan;
}

export interface VendorSplit {
  /** What practices publish through our own API. */
  ours: RegionPlan;
  vendors: VendorPart[];
}

/** Vendor ids of the simulation: `sim-vendor-1`, `sim-vendor-2`… */
export const simulatedVendorId = (n: number) => `sim-vendor-${n + 1}`;

/**
 * Puts `share` of the region's practitioners (drawn with the plan's seed, so the same plan
 * and share give the same split) behind `vendors` agenda vendors, dealt round-robin.
 * Structures stay with our API: the vendors are pulled with INT_R01, which asks for
 * practitioners only. A vendor practitioner's booking page names the vendor, as a real
 * vendor's page is on its own host.
 */
export function splitForVendors(plan: RegionPlan, share: number, vendors = 1): VendorSplit {
  if (!(share >= 0 && share <= 1)) throw new Error(`the vendor share must be between 0 and 1 (got ${share})`);
  if (!Number.isInteger(vendors) || vendors < 1)
    throw new Error(`the number of vendors must be a positive integer (got ${vendors})`);
  const random = seededRandom(plan.seed * 104_729 + 17);
  const ours: PractitionerPlan[] = [];
  const held: PractitionerPlan[][] = Array.from({ length: vendors }, () => []);
  let dealt = 0;
  for (const practitioner of plan.practitioners) {
    if (random() < share) held[dealt++ % vendors].push(practitioner);
    else ours.push(practitioner);
  }
  return {
    ours: { ...plan, practitioners: ours },
    vendors: held
      .map((practitioners, n) => ({
        id: simulatedVendorId(n),
        plan: {
          ...plan,
          structures: [],
          practitioners: practitioners.map((p) => withBookingPage(p, simulatedVendorId(n))),
        },
      }))
      .filter((part) => part.plan.practitioners.length > 0),
  };
}

function withBookingPage(p: PractitionerPlan, vendorId: string): PractitionerPlan {
  return { ...p, rules: p.rules.map((rule) => ({ ...rule, bookingUrl: `https://${vendorId}.agenda.example/rdv/${p.rpps}` })) };
}

/** `--vendor-share <0..1>` and `--vendors <n>` of the simulation's command lines. */
export function vendorShareFrom(values: Record<string, string>): { share: number; vendors: number } {
  const share = Number(values['vendor-share']);
  if (values['vendor-share'] === '' || !(share >= 0 && share <= 1))
    throw new Error(`--vendor-share must be a number from 0 to 1 (got ${values['vendor-share']})`);
  const vendors = Number(values.vendors);
  if (!Number.isInteger(vendors) || vendors < 1) throw new Error(`--vendors must be a positive integer (got ${values.vendors})`);
  return { share, vendors };
}
