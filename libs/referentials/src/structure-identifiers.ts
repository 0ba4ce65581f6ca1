import { luhnValid } from './luhn';

// La Poste's establishments all share SIREN 356000000, too many for the NIC under Luhn,
// so INSEE also accepts theirs when the sum of the 14 digits is a multiple of 5. Both
// rules occur: the head office, 35600000000048, is an ordinary Luhn number.
const LA_POSTE_SIREN = '356000000';

/** SIRET: 14 digits passing Luhn (or La Poste's rule). Returns the reason it is wrong, or undefined. */
export function checkSiret(value: string): string | undefined {
  if (!/^\d{14}$/.test(value)) return 'SIRET must be 14 digits';
  if (luhnValid(value)) return undefined;
  if (value.startsWith(LA_POSTE_SIREN)) {
    return digitSum(value) % 5 === 0 ? undefined : 'SIRET check (La Poste: Luhn or digit sum a multiple of 5) is wrong';
  }
  return 'SIRET check digit (Luhn) is wrong';
}

function digitSum(digits: string): number {
  let sum = 0;
  for (const digit of digits) sum += Number(digit);
  return sum;
}

const FINESS_FORM = /^(\d{2}|2[AB])\d{7}$/;

/**
 * FINESS: 9 characters, the département first (2A/2B in Corsica) then 7 digits, the
 * last a Luhn check digit. That rule was verified on about 150 FINESS numbers of real
 * establishments, most from lists published in the Journal officiel: every numeric one
 * passes Luhn over its 9 digits. Corsican numbers get the form check only: the few we could see are
 * consistent with Luhn once 2A/2B are read as 21/22, too few to refuse a number on.
 */
export function checkFiness(value: string): string | undefined {
  if (!FINESS_FORM.test(value)) return 'FINESS must be 9 characters: the département (2A/2B in Corsica) then 7 digits';
  if (isCorsican(value)) return undefined;
  return luhnValid(value) ? undefined : 'FINESS check digit (Luhn) is wrong';
}

function isCorsican(finess: string): boolean {
  return finess[1] === 'A' || finess[1] === 'B';
}
