import { readSettings } from '@sas/settings';
import { VENDOR_PULL_SETTINGS } from '../../settings';

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
  const settings = readSettings(VENDOR_PULL_SETTINGS, env);
  return {
    horizonHours: settings.VENDOR_PULL_HORIZON_HOURS,
    staleAfterMs: settings.VENDOR_STALE_AFTER_MS,
    freshnessBudgetMs: settings.VENDOR_FRESHNESS_BUDGET_MS,
    breakerThreshold: settings.VENDOR_BREAKER_THRESHOLD,
    breakerCoolDownMs: settings.VENDOR_BREAKER_COOL_DOWN_MS,
    cycleSpreadMs: settings.VENDOR_CYCLE_SPREAD_MS,
    enabled: settings.VENDOR_PULL_ENABLED,
  };
}
