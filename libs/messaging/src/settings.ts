/** An environment setting that must be a positive integer; `fallback` when unset or empty. */
export function positiveInt(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got ${raw}`);
  return n;
}

/** An environment setting that must be a number of hours ≥ 0; `fallback` when unset or empty. */
export function nonNegativeHours(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number of hours ≥ 0, got ${raw}`);
  return value;
}
