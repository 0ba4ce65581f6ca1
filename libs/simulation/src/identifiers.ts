import { withLuhnDigit } from '@sas/referentials';

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Synthetic but valid identifiers; the seed value is part of them so two seeded regions do not collide. */
export const syntheticRpps = (seed: number, index: number) => withLuhnDigit(`10${pad(seed % 100, 2)}${pad(index, 6)}`);
export const syntheticSiret = (seed: number, index: number) => withLuhnDigit(`9${pad(seed % 100, 2)}${pad(index, 10)}`);
export const syntheticFiness = (departement: string, seed: number, index: number) =>
  withLuhnDigit(`${departement}${pad(seed % 10, 1)}${pad(index, 5)}`);
