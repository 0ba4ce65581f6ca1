/** How long a hand-over reference ties a vendor's booking back to its case, read once at start. */
export interface HandOverSettings {
  referenceTtlMs: number;
}

export function handOverSettings(env: NodeJS.ProcessEnv = process.env): HandOverSettings {
  const raw = env.VENDOR_HAND_OVER_REFERENCE_TTL_MS;
  // Longer than orientation's hand-over time-out (20 min by default), so that a vendor's late
  // confirmation still finds its case; short enough that an old link is not reused for long.
  if (raw === undefined || raw === '') return { referenceTtlMs: 4 * 3600_000 };
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`VENDOR_HAND_OVER_REFERENCE_TTL_MS must be a positive number, got ${raw}`);
  return { referenceTtlMs: value };
}
