import { luhnValid } from './luhn';
import { checkAdeli, checkRpps, idNpsToRpps, rppsToIdNps } from './practitioner-identifiers';
import { checkFiness, checkSiret } from './structure-identifiers';

describe('identifiers', () => {
  it('checks the Luhn digit', () => {
    expect(luhnValid('79927398713')).toBe(true);
    expect(luhnValid('79927398710')).toBe(false);
  });

  it('accepts an RPPS of 11 digits with a valid key and names what is wrong otherwise', () => {
    expect(checkRpps('10000000009')).toBeUndefined();
    expect(checkRpps('1000000000')).toBe('RPPS must be 11 digits');
    expect(checkRpps('10000000008')).toBe('RPPS check digit (Luhn) is wrong');
  });

  it('maps an RPPS to and from its FHIR IDNPS form', () => {
    expect(rppsToIdNps('10000000009')).toBe('810000000009');
    expect(idNpsToRpps('810000000009')).toBe('10000000009');
    expect(idNpsToRpps('10000000007')).toBeUndefined();
  });

  it('checks the form of ADELI and FINESS numbers', () => {
    expect(checkAdeli('751234567')).toBeUndefined();
    expect(checkAdeli('75123456')).toBe('ADELI must be 9 digits');
    expect(checkFiness('920000650')).toBeUndefined();
    expect(checkFiness('2A0000123')).toBeUndefined();
    expect(checkFiness('92000065')).toMatch(/9 characters/);
  });

  it('checks SIRET with Luhn, and La Poste SIRETs with their own rule', () => {
    expect(checkSiret('73282932000074')).toBeUndefined();
    expect(checkSiret('73282932000075')).toBe('SIRET check digit (Luhn) is wrong');
    expect(checkSiret('35600000000015')).toBeUndefined();
    expect(checkSiret('7328293200007')).toBe('SIRET must be 14 digits');
  });
});
