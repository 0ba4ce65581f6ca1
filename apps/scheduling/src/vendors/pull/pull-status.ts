import { BreakerState } from './circuit-breaker';

/** What `GET /vendors/:id` shows of a pulled vendor: the same figures as its /metrics series. */
export interface PullStatus {
  breaker: BreakerState;
  requests: number;
  errors: Record<string, number>;
  latencyMs: { samples: number; p50: number | null; p95: number | null; max: number | null };
  slotsHeld: number;
  lastSuccessAt: string | null;
  lastCycle: {
    at: string;
    requests: number;
    failedQueries: number;
    slotsReceived: number;
    withdrawnStale: number;
    skippedByBreaker: boolean;
  } | null;
}

const SAMPLES = 500;

/** Per-vendor counters since this process started (latency over the last 500 requests). */
export class PullStatusBook {
  private readonly book = new Map<string, Omit<PullStatus, 'breaker' | 'latencyMs'> & { latencies: number[] }>();

  private entry(vendor: string) {
    let e = this.book.get(vendor);
    if (!e)
      this.book.set(vendor, (e = { requests: 0, errors: {}, latencies: [], slotsHeld: 0, lastSuccessAt: null, lastCycle: null }));
    return e;
  }

  request(vendor: string, seconds: number, errorKind?: string): void {
    const e = this.entry(vendor);
    e.requests++;
    e.latencies.push(seconds * 1000);
    if (e.latencies.length > SAMPLES) e.latencies.shift();
    if (errorKind) this.error(vendor, errorKind);
  }

  error(vendor: string, kind: string): void {
    const e = this.entry(vendor);
    e.errors[kind] = (e.errors[kind] ?? 0) + 1;
  }

  success(vendor: string, at: Date): void {
    this.entry(vendor).lastSuccessAt = at.toISOString();
  }

  cycle(vendor: string, at: Date, report: Omit<NonNullable<PullStatus['lastCycle']>, 'at'>, slotsHeld: number): void {
    const e = this.entry(vendor);
    e.lastCycle = { at: at.toISOString(), ...report };
    e.slotsHeld = slotsHeld;
  }

  status(vendor: string, breaker: BreakerState): PullStatus {
    const { latencies, ...e } = this.entry(vendor);
    const sorted = [...latencies].sort((a, b) => a - b);
    const at = (q: number) =>
      sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]) : null;
    return {
      breaker,
      ...e,
      latencyMs: {
        samples: sorted.length,
        p50: at(0.5),
        p95: at(0.95),
        max: sorted.length ? Math.round(sorted[sorted.length - 1]) : null,
      },
    };
  }
}
