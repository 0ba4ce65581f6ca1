import { checkFiness, checkRpps, checkSiret } from '@sas/referentials';
import { RulePlan } from './opening-plans';
import { planRegion } from './region-plan';
import { CONSULTATION_MODES } from '@sas/contracts';

const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3));

/** Every (weekday, period) of an owner's rules: none may overlap, as scheduling refuses it. */
function overlaps(rules: RulePlan[]): boolean {
  const spans: [number, number][] = [];
  for (const rule of rules)
    for (const day of rule.weekdays)
      for (const p of rule.periods) spans.push([day * 1440 + minutes(p.start), day * 1440 + minutes(p.end)]);
  spans.sort((a, b) => a[0] - b[0]);
  return spans.some((span, i) => i > 0 && span[0] < spans[i - 1][1]);
}

describe('the generated region', () => {
  const region = planRegion({ region: '11', scale: 1, seed: 1 });

  it('is the same for the same seed, and another for another seed', () => {
    const small = planRegion({ region: '11', scale: 0.01, seed: 5 });
    expect(JSON.stringify(planRegion({ region: '11', scale: 0.01, seed: 5 }))).toBe(JSON.stringify(small));
    expect(JSON.stringify(planRegion({ region: '11', scale: 0.01, seed: 6 }).practitioners)).not.toBe(
      JSON.stringify(small.practitioners),
    );
  });

  it('covers Île-de-France from the referential, Paris by arrondissement', () => {
    expect(region.population).toBeGreaterThan(12_000_000);
    expect(region.communes.some((c) => c.code === '75056')).toBe(false);
    expect(region.communes.filter((c) => c.departement === '75')).toHaveLength(20);
    expect(new Set(region.communes.map((c) => c.departement))).toEqual(new Set(['75', '77', '78', '91', '92', '93', '94', '95']));
  });

  it('places GPs below the national density of 8.4 per 10,000, fewer where under-served, about 12,000 practitioners in all', () => {
    const gps = region.practitioners.filter((p) => p.profession === 'general-practitioner');
    const density = (gps.length * 10_000) / region.population;
    expect(density).toBeGreaterThan(6);
    expect(density).toBeLessThan(8.4);
    expect(region.practitioners.length).toBeGreaterThanOrEqual(12_000);
    const perDepartement = (code: string) => {
      const population = region.communes.filter((c) => c.departement === code).reduce((s, c) => s + c.population, 0);
      return gps.filter((p) => p.place.communeCode.startsWith(code)).length / population;
    };
    expect(perDepartement('75')).toBeGreaterThan(perDepartement('93'));
  });

  it('gives every practitioner and structure a valid, unique identifier', () => {
    const rpps = region.practitioners.map((p) => p.rpps);
    expect(rpps.filter((id) => checkRpps(id))).toEqual([]);
    expect(new Set(rpps).size).toBe(rpps.length);
    expect(region.structures.filter((s) => (s.siret ? checkSiret(s.siret) : checkFiness(s.finess!)))).toEqual([]);
    expect(new Set(region.structures.map((s) => s.siret ?? s.finess)).size).toBe(region.structures.length);
  });

  it('opens agendas that never overlap, with SNP, PRO and PUBLIC slots in all three modes', () => {
    const owners = [...region.practitioners, ...region.structures];
    expect(owners.filter((o) => overlaps(o.rules))).toEqual([]);
    const rules = owners.flatMap((o) => o.rules);
    for (const visibility of ['SNP', 'PRO', 'PUBLIC'] as const)
      expect(rules.some((r) => r.visibility.includes(visibility))).toBe(true);
    for (const mode of CONSULTATION_MODES)
      expect(rules.some((r) => r.modes.includes(mode) && r.visibility.includes('SNP'))).toBe(true);
    expect(region.practitioners.filter((p) => p.rules.some((r) => r.modes.includes('HH')) && !p.place.homeVisitRadiusKm)).toEqual(
      [],
    );
  });

  it('has every kind of structure, maisons médicales de garde open evenings and weekends', () => {
    const kinds = new Set(region.structures.map((s) => s.kind));
    expect(kinds).toEqual(new Set(['cpts', 'msp', 'centre-de-sante', 'sos-medecins', 'maison-medicale-de-garde']));
    const guard = region.structures.find((s) => s.kind === 'maison-medicale-de-garde')!;
    expect(guard.rules.flatMap((r) => r.weekdays).sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(guard.rules.every((r) => r.periods.every((p) => minutes(p.end) >= 20 * 60))).toBe(true);
  });

  it('shrinks with the scale', () => {
    const small = planRegion({ region: '11', scale: 0.01, seed: 1 });
    expect(small.practitioners.length).toBeGreaterThan(region.practitioners.length * 0.009);
    expect(small.practitioners.length).toBeLessThan(region.practitioners.length * 0.011);
  });
});
