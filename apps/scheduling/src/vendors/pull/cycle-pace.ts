/**
 * How a scheduled poll spreads its searches. Started all at once, a first cycle (every
 * practitioner, place and slot new) packs tens of seconds of CPU into a burst on the
 * cores that also answer the regulators' searches (matching takes in every new slot on
 * its event loop). Started evenly over a window instead, the same work costs the same CPU
 * but a fraction of the cores at any time.
 */
export interface PacePolicy {
  /** The longest window a cycle's searches are spread over (VENDOR_CYCLE_SPREAD_MS). */
  spreadMs: number;
}

/**
 * Searches of a small vendor need no spreading: no more than this apart, so a vendor of a
 * few practitioners is done in seconds (and a poll of 25 practitioners, one search, at once).
 */
export const MAX_GAP_MS = 1000;

/**
 * The time between the starts of two searches of a cycle: the window (the spread, at most
 * half the poll interval so that a cycle ends well before the next) divided evenly.
 */
export function searchGapMs(searches: number, pollIntervalSeconds: number, policy: PacePolicy): number {
  if (searches <= 1) return 0;
  const windowMs = Math.min(policy.spreadMs, (pollIntervalSeconds * 1000) / 2);
  return Math.min(MAX_GAP_MS, windowMs / searches);
}

/**
 * Runs `work` over `items`, at most `limit` at a time, the i-th started no earlier than
 * i × `gapMs` after the first. Once `signal` is aborted (the service stops) no further
 * item starts; the ones in flight finish. Resolves to the number of items started.
 */
export async function runPaced<T>(
  items: T[],
  limit: number,
  gapMs: number,
  work: (item: T) => Promise<void>,
  signal?: AbortSignal,
  sleep: (ms: number, signal?: AbortSignal) => Promise<void> = abortableSleep,
): Promise<number> {
  const started = Date.now();
  let next = 0;
  let startedItems = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length && !signal?.aborted) {
      // An item is taken only when its time has come, and started at once: lanes then start
      // items in order even when a late timer wakes one lane after another's slot has passed.
      const wait = started + next * gapMs - Date.now();
      if (wait > 0) {
        await sleep(wait, signal);
        continue;
      }
      const i = next++;
      startedItems++;
      await work(items[i]);
    }
  });
  await Promise.all(lanes);
  return startedItems;
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}
