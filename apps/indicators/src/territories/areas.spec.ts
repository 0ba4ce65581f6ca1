import { Forbidden, InvalidInput } from '@sas/platform';
import { findCommune } from '@sas/referentials';
import { areaPopulation, resolveAreas } from './areas';

const MGP = '200054781';
const PERIMETERS = [
  { id: 'cpts-levallois', name: 'CPTS Levallois', communes: ['92044'] },
  { id: 'cpts-boucle-nord', name: 'CPTS Boucle Nord', communes: ['92044', '92024', '75117'] },
];

describe('EPCI and CPTS perimeters as areas of communes', () => {
  it('reads an EPCI whole for an unscoped reader, arrondissements of its city included', () => {
    const [area] = resolveAreas('epci', MGP, undefined, []);
    expect(area.id).toBe(MGP);
    expect(area.communes).toEqual(expect.arrayContaining(['75056', '75101', '92044', '93066', '94028']));
  });

  it('reads an EPCI straddling départements as its communes in the reader’s départements', () => {
    const [area] = resolveAreas('epci', MGP, ['92'], []);
    expect(area.communes.length).toBe(36);
    expect(area.communes.every((c) => c.startsWith('92'))).toBe(true);
    expect(() => resolveAreas('epci', MGP, ['77'], [])).toThrow(Forbidden);
  });

  it('counts a commune in every CPTS perimeter that holds it', () => {
    const areas = resolveAreas('cpts', undefined, ['92'], PERIMETERS);
    expect(areas).toEqual([
      { id: 'cpts-levallois', communes: ['92044'] },
      { id: 'cpts-boucle-nord', communes: ['92044', '92024'] },
    ]);
  });

  it.each([
    ['epci', '999999999', undefined, 'epci'],
    ['cpts', 'cpts-unknown', undefined, 'cpts'],
    ['epci', undefined, undefined, 'groupBy'],
  ] as const)('refuses %s %s (territories %s) naming %s', (kind, filter, territories, field) => {
    try {
      resolveAreas(kind, filter, territories, PERIMETERS);
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidInput);
      expect((error as InvalidInput).errors.map((e) => e.field)).toEqual([field]);
    }
  });

  it('lists every EPCI of the départements read, each with its communes there', () => {
    const areas = resolveAreas('epci', undefined, ['77'], []);
    expect(areas.length).toBeGreaterThan(10);
    expect(areas.flatMap((a) => a.communes).every((c) => c.startsWith('77'))).toBe(true);
  });

  it('takes the population of current communes only (an arrondissement is in its city’s)', () => {
    const [paris] = resolveAreas('epci', MGP, ['75'], []);
    expect(areaPopulation(paris)).toBe(findCommune('75056')!.population);
  });
});
