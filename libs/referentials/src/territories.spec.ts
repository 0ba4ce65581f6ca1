import {
  checkCommuneCode,
  communeOfPostalAddress,
  communesOfDepartement,
  departementOfCommune,
  departementPopulation,
  departementsOfRegion,
  findCommune,
  findDepartement,
} from './territories';

describe('departementOfCommune', () => {
  it('gives the département of a commune, of an arrondissement, of Corsica and overseas', () => {
    expect(departementOfCommune('92044')).toBe('92');
    expect(departementOfCommune('75112')).toBe('75');
    expect(departementOfCommune('2A004')).toBe('2A');
    expect(departementOfCommune('97411')).toBe('974');
  });
});

describe('communes', () => {
  it('finds a current commune with its département, region and population', () => {
    const levallois = findCommune('92044');
    expect(levallois).toMatchObject({ code: '92044', name: 'Levallois-Perret', departement: '92', region: '11' });
    expect(levallois?.population).toBeGreaterThan(50_000);
  });

  it('knows Corsican communes by their 2A/2B codes', () => {
    expect(findCommune('2A004')).toMatchObject({ name: 'Ajaccio', departement: '2A', region: '94' });
    expect(checkCommuneCode('2A004')).toBeUndefined();
  });

  it('accepts the municipal arrondissements of Paris, Lyon and Marseille', () => {
    expect(findCommune('75111')).toMatchObject({ name: 'Paris 11e Arrondissement', departement: '75' });
    expect(findCommune('69383')?.departement).toBe('69');
    expect(findCommune('13201')?.departement).toBe('13');
  });

  it('does not count a former commune, now a commune déléguée, as a commune', () => {
    // Fourqueux merged into Saint-Germain-en-Laye (78551) in 2019; 78251 is now a commune déléguée.
    expect(findCommune('78251')).toBeUndefined();
    expect(checkCommuneCode('78251')).toBe('no commune with INSEE code 78251');
    expect(findCommune('78551')?.name).toBe('Saint-Germain-en-Laye');
  });

  it('tells a malformed code from an unknown commune', () => {
    expect(checkCommuneCode('92044')).toBeUndefined();
    expect(checkCommuneCode('9204')).toMatch(/5 characters/);
    expect(checkCommuneCode('2C004')).toMatch(/5 characters/);
    expect(checkCommuneCode('92O44')).toMatch(/5 characters/);
    expect(checkCommuneCode('99999')).toBe('no commune with INSEE code 99999');
  });
});

describe('départements and regions', () => {
  it('finds a département with its name and region', () => {
    expect(findDepartement('92')).toEqual({ code: '92', name: 'Hauts-de-Seine', region: '11' });
    expect(findDepartement('2A')).toMatchObject({ name: 'Corse-du-Sud', region: '94' });
    expect(findDepartement('20')).toBeUndefined();
  });

  it('lists the eight départements of Île-de-France', () => {
    expect(
      departementsOfRegion('11')
        .map((d) => d.code)
        .sort(),
    ).toEqual(['75', '77', '78', '91', '92', '93', '94', '95']);
  });

  it('lists the current communes of a département, without arrondissements', () => {
    expect(communesOfDepartement('92')).toHaveLength(36);
    expect(communesOfDepartement('92').map((c) => c.code)).toContain('92044');
    expect(communesOfDepartement('75').map((c) => c.code)).toEqual(['75056']);
  });

  it('has nothing for an unknown département or region', () => {
    expect(communesOfDepartement('00')).toEqual([]);
    expect(departementsOfRegion('00')).toEqual([]);
    expect(departementPopulation('00')).toBe(0);
  });

  it('totals the population of a département over its communes', () => {
    const population = departementPopulation('92');
    expect(population).toBeGreaterThan(1_500_000);
    expect(population).toBeLessThan(1_800_000);
  });

  it('counts Paris once, not once more through its arrondissements', () => {
    expect(departementPopulation('75')).toBe(findCommune('75056')?.population);
  });
});

describe('commune of a postal address', () => {
  it('finds the only commune a postal code serves', () => {
    expect(communeOfPostalAddress('92300')?.code).toBe('92044');
  });

  it('picks by city name, accents, case and hyphens aside, when a postal code serves several', () => {
    expect(communeOfPostalAddress('31840', 'Aussonne')?.code).toBe('31032');
    expect(communeOfPostalAddress('31840', 'SEILH')?.name).toBe('Seilh');
  });

  it('finds nothing for an unknown postal code', () => {
    expect(communeOfPostalAddress('00000')).toBeUndefined();
  });
});
