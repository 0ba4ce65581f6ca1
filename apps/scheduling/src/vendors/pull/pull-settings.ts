/** The pull's service-wide settings, read once at start. */
export interface PullSettings {
  horizonHours: number;
  staleAfterMs: number;
  freshnessBudgetMs: number;
  breakerThreshold: number;
  breakerCoolDownMs: number;
  /** The longest window a scheduled poll spreads its searches over (see cycle-pace.ts). */
  cycleSpreadMs: number;
  /** Off: registrations are kept but nothing is polled (a deployment without outbound network). */
  enabled: boolean;
}

export function pullSettings(env: NodeJS.ProcessEnv = process.env): PullSettings {
  const positive = (name: string, fallback: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got ${raw}`);
    return value;
  };
  return {
    horizonHours: positive('VENDOR_PULL_HORIZON_HOURS', 48),
    staleAfterMs: positive('VENDOR_STALE_AFTER_MS', 15 * 60_000),
    freshnessBudgetMs: positive('VENDOR_FRESHNESS_BUDGET_MS', 1500),
    breakerThreshold: positive('VENDOR_BREAKER_THRESHOLD', 3),
    breakerCoolDownMs: positive('VENDOR_BREAKER_COOL_DOWN_MS', 60_000),
    cycleSpreadMs: positive('VENDOR_CYCLE_SPREAD_MS', 40_000),
    enabled: env.VENDOR_PULL_ENABLED !== 'false',
  };
}
