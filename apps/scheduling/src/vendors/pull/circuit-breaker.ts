export type BreakerState = 'closed' | 'open' | 'half-open';

/**
 * A per-vendor circuit breaker: after `threshold` failures in a row the vendor is not
 * called for `coolDownMs`; then one trial call decides (success closes, failure reopens).
 * It keeps a dead vendor from eating the time and connections the other vendors need.
 */
export class CircuitBreaker {
  private failures = 0;
  private openedAt?: number;
  private trialInFlight = false;

  constructor(
    private readonly threshold: number,
    private readonly coolDownMs: number,
    private readonly clock: () => number = Date.now,
  ) {}

  get state(): BreakerState {
    if (this.openedAt === undefined) return 'closed';
    return this.clock() - this.openedAt >= this.coolDownMs ? 'half-open' : 'open';
  }

  /** Whether a call may go out now (in half-open, only one trial at a time). */
  allow(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open' || this.trialInFlight) return false;
    this.trialInFlight = true;
    return true;
  }

  success(): void {
    this.failures = 0;
    this.openedAt = undefined;
    this.trialInFlight = false;
  }

  failure(): void {
    this.trialInFlight = false;
    this.failures += 1;
    if (this.openedAt !== undefined || this.failures >= this.threshold) this.openedAt = this.clock();
  }
}
