import { communeCentre } from './commune-centres';
import { checkCommuneCode, communeOfPostalAddress, communesOfDepartement, departementPopulation, departementsOfRegion, findCommune } from './territories';

describe('territories', () => {
  it('knows Levallois-Perret, Ajaccio and the arrondissements of Paris', () => {
    expect(findCommune('92044')).toMatchObject({ name: 'Levallois-Perret', departement: '92', region: '11' });
    expect(findCommune('2A004')).toMatchObject({ name: 'Ajaccio', departement: '2A' });
    expect(findCommune('75111')?.departement).toBe('75');
  });

  it('finds the commune of a postal address, by city name when a postal code serves several', () => {
    expect(communeOfPostalAddress('92300')?.code).toBe('92044');
    expect(communeOfPostalAddress('31840', 'Aussonne')?.code).toBe('31032');
    expect(communeOfPostalAddress('31840', 'SEILH')?.name).toBe('Seilh');
    expect(communeOfPostalAddress('00000')).toBeUndefined();
  });

  it('knows the centre of every commune of Île-de-France', () => {
    expect(communeCentre('92044')).toEqual({ latitude: expect.closeTo(48.895, 2), longitude: expect.closeTo(2.287, 2) });
    const idf = departementsOfRegion('11').flatMap((d) => communesOfDepartement(d.code));
    expect(idf).toHaveLength(1266);
    expect(idf.filter((c) => !communeCentre(c.code))).toEqual([]);
  });

  it('tells a malformed code from an unknown commune', () => {
    expect(checkCommuneCode('92044')).toBeUndefined();
    expect(checkCommuneCode('9204')).toMatch(/5 characters/);
    expect(checkCommuneCode('99999')).toBe('no commune with INSEE code 99999');
  });

  it('lists the eight départements of Île-de-France and their communes', () => {
    expect(departementsOfRegion('11').map((d) => d.code).sort()).toEqual(['75', '77', '78', '91', '92', '93', '94', '95']);
    expect(communesOfDepartement('92')).toHaveLength(36);
    const population = departementPopulation('92');
    expect(population).toBeGreaterThan(1_500_000);
    expect(population).toBeLessThan(1_800_000);
  });
});
