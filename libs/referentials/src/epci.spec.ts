import { checkEpci, communesOfEpci, epciOfCommune, findEpci } from './epci';

describe('EPCI from the official referential', () => {
  it.each([
    ['92044', '200054781'], // Levallois-Perret: Métropole du Grand Paris
    ['75056', '200054781'], // Paris
    ['75112', '200054781'], // Paris 12e, through its city
    ['77288', '247700057'], // Melun: CA Melun Val de Seine
  ])('finds the EPCI of commune %s: %s', (commune, siren) => {
    expect(epciOfCommune(commune)).toBe(siren);
  });

  it('lists the members of an EPCI with the arrondissements of a member city', () => {
    const communes = communesOfEpci('200054781');
    expect(communes).toEqual(expect.arrayContaining(['75056', '75101', '75120', '92044', '93066']));
    expect(communes).not.toContain('77288');
    expect(findEpci('200054781')!.name).toBe('Métropole du Grand Paris');
  });

  it.each([
    ['12345', 'an EPCI is identified by its SIREN of 9 digits'],
    ['999999999', 'no EPCI with SIREN 999999999'],
    ['200054781', undefined],
  ])('checks %s', (siren, reason) => {
    expect(checkEpci(siren)).toBe(reason);
  });
});
