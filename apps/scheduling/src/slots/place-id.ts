import { createHash } from 'node:crypto';

/**
 * A stable id for a place of consultation, derived from who consults where, until
 * places are managed as a referential of their own: the same practitioner at the
 * same commune and coordinates always yields the same id (name-based UUID, v5 layout).
 */
export function derivePlaceId(practitionerRpps: string, communeCode: string, lat?: number, lon?: number): string {
  const hash = createHash('sha1').update(['place', practitionerRpps, communeCode, lat ?? '', lon ?? ''].join('|')).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
