import { planRegion } from './region-plan';
import { splitForVendors, vendorShareFrom } from './vendor-share';

describe('placing part of the region behind agenda vendors', () => {
  const plan = planRegion({ region: '11', scale: 0.02, seed: 4 });

  it('puts about the share of practitioners at the vendors, each practitioner in one place only', () => {
    const split = splitForVendors(plan, 0.2, 2);
    const atVendors = split.vendors.flatMap((v) => v.plan.practitioners.map((p) => p.rpps));
    const ours = split.ours.practitioners.map((p) => p.rpps);
    expect(new Set([...atVendors, ...ours]).size).toBe(plan.practitioners.length);
    expect(atVendors.length + ours.length).toBe(plan.practitioners.length);
    expect(atVendors.length / plan.practitioners.length).toBeGreaterThan(0.12);
    expect(atVendors.length / plan.practitioners.length).toBeLessThan(0.28);
    expect(split.vendors.map((v) => v.id)).toEqual(['sim-vendor-1', 'sim-vendor-2']);
  });

  it('keeps the structures with our API and gives the vendor practitioners a booking page at their vendor', () => {
    const split = splitForVendors(plan, 0.5, 1);
    expect(split.ours.structures).toEqual(plan.structures);
    expect(split.vendors[0].plan.structures).toEqual([]);
    for (const p of split.vendors[0].plan.practitioners)
      for (const rule of p.rules) expect(rule.bookingUrl).toBe(`https://sim-vendor-1.agenda.example/rdv/${p.rpps}`);
  });

  it('is the same split for the same plan and share; 0 keeps everything ours, 1 puts every practitioner at a vendor', () => {
    expect(JSON.stringify(splitForVendors(plan, 0.3, 3))).toBe(JSON.stringify(splitForVendors(plan, 0.3, 3)));
    expect(splitForVendors(plan, 0).vendors).toEqual([]);
    expect(splitForVendors(plan, 0).ours.practitioners).toHaveLength(plan.practitioners.length);
    expect(splitForVendors(plan, 1).ours.practitioners).toEqual([]);
  });

  it('refuses a share outside 0..1 and a vendor count that is not a positive integer', () => {
    expect(() => splitForVendors(plan, 1.5)).toThrow('between 0 and 1');
    expect(() => splitForVendors(plan, Number.NaN)).toThrow('between 0 and 1');
    expect(() => splitForVendors(plan, 0.2, 0)).toThrow('positive integer');
  });

  it('reads --vendor-share and --vendors, refusing what is out of range', () => {
    expect(vendorShareFrom({ 'vendor-share': '0.2', vendors: '2' })).toEqual({ share: 0.2, vendors: 2 });
    expect(() => vendorShareFrom({ 'vendor-share': '2', vendors: '1' })).toThrow('--vendor-share must be a number from 0 to 1');
    expect(() => vendorShareFrom({ 'vendor-share': '', vendors: '1' })).toThrow('--vendor-share');
    expect(() => vendorShareFrom({ 'vendor-share': '0.1', vendors: '1.5' })).toThrow('--vendors must be a positive integer');
  });
});
