import { luhnValid } from './luhn';

/**
 * FHIR identifier system of the national health professional id (IDNPS), the
 * identifier the ANS SAS guide puts on Practitioner and PractitionerRole.
 */
export const IDNPS_SYSTEM = 'urn:oid:1.2.250.1.71.4.2.1';

/**
 * RPPS: 11 digits, the last a Luhn check digit over the whole number. What this rests
 * on: RPPS numbers taken from the public Annuaire santé extraction (ANS) all pass Luhn
 * over their 11 digits, while their IDNPS form (8 + RPPS) does not, so the key belongs
 * to the RPPS itself. Returns the reason the value is wrong, or undefined when valid.
 */
export function checkRpps(value: string): string | undefined {
  if (!/^\d{11}$/.test(value)) return 'RPPS must be 11 digits';
  if (!luhnValid(value)) return 'RPPS check digit (Luhn) is wrong';
  return undefined;
}

/**
 * ADELI: 9 digits (département, profession, order number). No checksum is enforced:
 * we know of no published rule for its last digit, and wrongly refusing a valid ADELI
 * would keep a professional out of the directory. Returns the reason the value is
 * wrong, or undefined when valid.
 */
export function checkAdeli(value: string): string | undefined {
  return /^\d{9}$/.test(value) ? undefined : 'ADELI must be 9 digits';
}

// The IDNPS of a professional known by an RPPS is the RPPS behind the type prefix 8.
const IDNPS_OF_RPPS = /^8(\d{11})$/;

/** The IDNPS form of an RPPS in FHIR identifiers: "8" followed by the 11 digits. */
export function rppsToIdNps(rpps: string): string {
  return `8${rpps}`;
}

/** The RPPS inside an IDNPS value, or undefined when the value is not "8" + 11 digits. */
export function idNpsToRpps(value: string): string | undefined {
  return IDNPS_OF_RPPS.exec(value)?.[1];
}
