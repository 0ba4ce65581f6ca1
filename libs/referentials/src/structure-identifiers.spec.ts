import { checkFiness, checkSiret } from './structure-identifiers';

describe('SIRET', () => {
  it('accepts 14 digits passing Luhn', () => {
    expect(checkSiret('73282932000074')).toBeUndefined();
  });

  it('says a SIRET must be 14 digits when the length or the characters are wrong', () => {
    expect(checkSiret('7328293200007')).toBe('SIRET must be 14 digits');
    expect(checkSiret('732829320000740')).toBe('SIRET must be 14 digits');
    expect(checkSiret('7328293200007A')).toBe('SIRET must be 14 digits');
    expect(checkSiret('732 829 320 00074')).toBe('SIRET must be 14 digits');
  });

  it('names a wrong Luhn check digit', () => {
    expect(checkSiret('73282932000075')).toBe('SIRET check digit (Luhn) is wrong');
  });

  it('accepts a La Poste SIRET whose digits add up to a multiple of 5, though it fails Luhn', () => {
    expect(checkSiret('35600000049837')).toBeUndefined();
    expect(checkSiret('35600000000015')).toBeUndefined();
  });

  it('accepts a La Poste SIRET passing Luhn, like its head office', () => {
    expect(checkSiret('35600000000048')).toBeUndefined();
  });

  it('refuses a La Poste SIRET passing neither rule', () => {
    expect(checkSiret('35600000049838')).toBe('SIRET check (La Poste: Luhn or digit sum a multiple of 5) is wrong');
  });

  it('does not extend the digit-sum rule to other companies', () => {
    // Digit sum 20, a multiple of 5, but not SIREN 356000000 and not Luhn.
    expect(checkSiret('35600000100005')).toBe('SIRET check digit (Luhn) is wrong');
  });
});

describe('FINESS', () => {
  it('accepts FINESS numbers of real establishments, whose last digit is a Luhn key', () => {
    expect(checkFiness('750712184')).toBeUndefined(); // AP-HP
    expect(checkFiness('920000650')).toBeUndefined(); // Hôpital Foch, Suresnes
    expect(checkFiness('010780062')).toBeUndefined(); // CH de Belley
    expect(checkFiness('970408589')).toBeUndefined(); // CHU de La Réunion
  });

  it('names a wrong check digit', () => {
    expect(checkFiness('750712185')).toBe('FINESS check digit (Luhn) is wrong');
    expect(checkFiness('750721184')).toBe('FINESS check digit (Luhn) is wrong');
  });

  it('accepts Corsican FINESS numbers (2A/2B) on their form alone', () => {
    expect(checkFiness('2A0000154')).toBeUndefined(); // Clinique du sud de la Corse
    expect(checkFiness('2B0000038')).toBeUndefined(); // CH de Corte
    expect(checkFiness('2B0000039')).toBeUndefined();
  });

  it('refuses a FINESS of the wrong length, such as one that lost its leading zero', () => {
    const reason = 'FINESS must be 9 characters: the département (2A/2B in Corsica) then 7 digits';
    expect(checkFiness('70000481')).toBe(reason);
    expect(checkFiness('7507121840')).toBe(reason);
  });

  it('refuses letters anywhere but the Corsican 2A/2B', () => {
    const reason = 'FINESS must be 9 characters: the département (2A/2B in Corsica) then 7 digits';
    expect(checkFiness('2C0000154')).toBe(reason);
    expect(checkFiness('3A0000154')).toBe(reason);
    expect(checkFiness('2a0000154')).toBe(reason);
    expect(checkFiness('7507121A4')).toBe(reason);
  });
});
