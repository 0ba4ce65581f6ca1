import { LatencyLog } from './regulation-run';

export interface LatencySummary {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

/** Latencies of searches, bookings and the other steps, with the statuses answered. */
export class Latencies implements LatencyLog {
  private readonly samples: Record<'search' | 'booking' | 'step', number[]> = { search: [], booking: [], step: [] };
  readonly statuses = new Map<string, number>();

  record(kind: 'search' | 'booking' | 'step', ms: number, status: number): void {
    this.samples[kind].push(ms);
    const key = `${kind} ${status}`;
    this.statuses.set(key, (this.statuses.get(key) ?? 0) + 1);
  }

  summary(kind: 'search' | 'booking' | 'step'): LatencySummary {
    const sorted = [...this.samples[kind]].sort((a, b) => a - b);
    const at = (p: number) => +percentile(sorted, p).toFixed(1);
    return { count: sorted.length, p50: at(50), p99: at(99), max: at(100) };
  }
}

/** Percentile of sorted values (nearest rank); NaN when there are none. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
