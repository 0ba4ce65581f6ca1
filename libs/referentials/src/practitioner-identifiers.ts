import { luhnValid } from './luhn';

/** FHIR identifier system of the national health professional id (IDNPS) used by the ANS SAS guide. */
export const IDNPS_SYSTEM = 'urn:oid:1.2.250.1.71.4.2.1';

/**
 * RPPS: 11 digits, the last a Luhn check digit over the first ten. Returns the
 * reason it is wrong, or undefined when valid.
 */
export function checkRpps(value: string): string | undefined {
  if (!/^\d{11}$/.test(value)) return 'RPPS must be 11 digits';
  if (!luhnValid(value)) return 'RPPS check digit (Luhn) is wrong';
  return undefined;
}

/**
 * ADELI: 9 digits (département, profession, order). Its key is not a public
 * checksum we can verify, so only the form is checked.
 */
export function checkAdeli(value: string): string | undefined {
  return /^\d{9}$/.test(value) ? undefined : 'ADELI must be 9 digits';
}

/** The IDNPS form of an RPPS in FHIR identifiers: "8" followed by the 11 digits. */
export function rppsToIdNps(rpps: string): string {
  return `8${rpps}`;
}

/** The RPPS inside an IDNPS value, or undefined when the value is not of that form. */
export function idNpsToRpps(value: string): string | undefined {
  return /^8\d{11}$/.test(value) ? value.slice(1) : undefined;
}
