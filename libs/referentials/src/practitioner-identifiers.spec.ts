import { checkAdeli, checkRpps, IDNPS_SYSTEM, idNpsToRpps, rppsToIdNps } from './practitioner-identifiers';

// Valid RPPS made for these tests: a 10-digit stem and the Luhn digit that completes it
// (1000000000 → 9, 1012345678 → 1, 1098765432 → 3).
const VALID_RPPS = ['10000000009', '10123456781', '10987654323'];

describe('RPPS', () => {
  it('accepts 11 digits whose Luhn check digit is right', () => {
    for (const rpps of VALID_RPPS) expect(checkRpps(rpps)).toBeUndefined();
  });

  it('says an RPPS must be 11 digits when the length is wrong', () => {
    expect(checkRpps('1000000000')).toBe('RPPS must be 11 digits');
    expect(checkRpps('100000000090')).toBe('RPPS must be 11 digits');
    expect(checkRpps('')).toBe('RPPS must be 11 digits');
  });

  it('says an RPPS must be 11 digits when it holds anything but digits', () => {
    expect(checkRpps('1000000000A')).toBe('RPPS must be 11 digits');
    expect(checkRpps('1000 000009')).toBe('RPPS must be 11 digits');
  });

  it('names a wrong check digit', () => {
    expect(checkRpps('10000000008')).toBe('RPPS check digit (Luhn) is wrong');
    expect(checkRpps('10123456871')).toBe('RPPS check digit (Luhn) is wrong');
  });
});

describe('ADELI', () => {
  it('accepts any 9 digits, since no checksum is enforced', () => {
    expect(checkAdeli('751234568')).toBeUndefined();
    expect(checkAdeli('751234567')).toBeUndefined();
  });

  it('says an ADELI must be 9 digits when the length or the characters are wrong', () => {
    expect(checkAdeli('75123456')).toBe('ADELI must be 9 digits');
    expect(checkAdeli('7512345678')).toBe('ADELI must be 9 digits');
    expect(checkAdeli('2A1234567')).toBe('ADELI must be 9 digits');
  });
});

describe('IDNPS (FHIR form of an RPPS)', () => {
  it('uses the OID system of the ANS SAS guide', () => {
    expect(IDNPS_SYSTEM).toBe('urn:oid:1.2.250.1.71.4.2.1');
  });

  it('prefixes the RPPS with 8 and reads it back', () => {
    expect(rppsToIdNps('10000000009')).toBe('810000000009');
    expect(idNpsToRpps('810000000009')).toBe('10000000009');
  });

  it('finds no RPPS in a value that is not 8 followed by 11 digits', () => {
    expect(idNpsToRpps('10000000009')).toBeUndefined();
    expect(idNpsToRpps('010000000009')).toBeUndefined();
    expect(idNpsToRpps('81000000000')).toBeUndefined();
    expect(idNpsToRpps('8100000000090')).toBeUndefined();
    expect(idNpsToRpps('8100000000A9')).toBeUndefined();
  });
});
