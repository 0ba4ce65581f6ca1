import { luhnValid } from './luhn';

// La Poste's establishments share SIREN 356000000; their SIRETs do not satisfy Luhn
// but have a digit sum divisible by 5 (INSEE rule).
const LA_POSTE_SIREN = '356000000';

/** SIRET: 14 digits passing Luhn (or La Poste's rule). Returns the reason it is wrong. */
export function checkSiret(value: string): string | undefined {
  if (!/^\d{14}$/.test(value)) return 'SIRET must be 14 digits';
  if (value.startsWith(LA_POSTE_SIREN)) {
    const sum = [...value].reduce((s, d) => s + Number(d), 0);
    return sum % 5 === 0 ? undefined : 'SIRET check (La Poste) is wrong';
  }
  return luhnValid(value) ? undefined : 'SIRET check digit (Luhn) is wrong';
}

/**
 * FINESS: 9 characters, the first two the département (2A/2B in Corsica). The
 * check digit rule is not applied: only the form is checked.
 */
export function checkFiness(value: string): string | undefined {
  return /^(\d{2}|2[AB])\d{7}$/.test(value) ? undefined : 'FINESS must be 9 characters (département then 7 digits)';
}
