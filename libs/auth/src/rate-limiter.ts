/**
 * At most `limit` requests per client in a window of `windowMs`: a client's first request
 * opens its window, and a request over the limit waits for the window to end (it is
 * refused, and does not count). Counts live in this process, like the index they protect.
 * A request costs a map lookup: the limit guards every search, so it must cost next to
 * nothing beside the search itself.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { endsAt: number; hits: number }>();
  private nextSweep = 0;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** Counts a request of `client`: 0 when it may go on, else the ms until its window ends. */
  take(client: string, now = Date.now()): number {
    if (now >= this.nextSweep) this.sweep(now);
    let window = this.windows.get(client);
    if (!window || window.endsAt <= now) {
      window = { endsAt: now + this.windowMs, hits: 0 };
      this.windows.set(client, window);
    }
    if (window.hits >= this.limit) return window.endsAt - now;
    window.hits++;
    return 0;
  }

  /** Clients with an open window, for tests. */
  get clients(): number {
    return this.windows.size;
  }

  /** Forgets the windows that are over, once a window: memory follows the clients of the last minute. */
  private sweep(now: number): void {
    for (const [client, window] of this.windows) if (window.endsAt <= now) this.windows.delete(client);
    this.nextSweep = now + this.windowMs;
  }
}
