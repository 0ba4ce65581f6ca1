import { rppsToIdNps } from '@sas/referentials';

/** A practitioner as the guide's IDNPS names them: by RPPS, or by ADELI for those without one. */
export interface PractitionerKey {
  kind: 'rpps' | 'adeli';
  value: string;
}

/**
 * The practitioner an IDNPS value names: "8" + 11-digit RPPS or "0" + 9-digit ADELI (the
 * guide's FAQ prefixes). Only the shape is checked: a well-formed number that fails the
 * RPPS check digit (the guide's own example numbers do) names nobody we know, which a
 * search answers with no match, not with an error.
 */
export function practitionerOfIdNps(value: string): PractitionerKey | undefined {
  if (/^8\d{11}$/.test(value)) return { kind: 'rpps', value: value.slice(1) };
  if (/^0\d{9}$/.test(value)) return { kind: 'adeli', value: value.slice(1) };
  return undefined;
}

/** The IDNPS a practitioner is served with: the RPPS when known, else the ADELI. */
export function idNpsOf(practitioner: { rpps: string | null; adeli: string | null }): string | undefined {
  if (practitioner.rpps) return rppsToIdNps(practitioner.rpps);
  if (practitioner.adeli) return `0${practitioner.adeli}`;
  return undefined;
}
