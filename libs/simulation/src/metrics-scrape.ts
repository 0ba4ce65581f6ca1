import { pause, ServiceUrls } from './api-client';

/** Reads a service's /metrics and sums each metric's samples (over all labels). */
export async function scrapeTotals(baseUrl: string, adminToken: string): Promise<Map<string, number>> {
  const text = await (await fetch(`${baseUrl}/metrics`, { headers: { authorization: `Bearer ${adminToken}` } })).text();
  const totals = new Map<string, number>();
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{[^}]*\})?\s+(\S+)$/.exec(line);
    if (match) totals.set(match[1], (totals.get(match[1]) ?? 0) + Number(match[2]));
  }
  return totals;
}

/**
 * Waits until what was published is searchable: scheduling's outbox is empty and
 * matching has no consumer lag. Returns the seconds waited.
 */
export function waitUntilIndexed(urls: ServiceUrls, adminToken: string, timeoutMs = 30 * 60_000): Promise<number> {
  return pollUntilDone(timeoutMs, async () => {
    const [scheduling, matching] = await Promise.all([
      scrapeTotals(urls.scheduling, adminToken),
      scrapeTotals(urls.matching, adminToken),
    ]);
    const backlog = scheduling.get('sas_outbox_backlog_events') ?? 0;
    const lag = matching.get('sas_consumer_lag_messages') ?? 0;
    return backlog === 0 && lag === 0 ? undefined : `not indexed: outbox ${backlog}, matching lag ${lag}`;
  });
}

/** Waits until a service's consumers have no lag left; returns the seconds waited. */
export function waitUntilCaughtUp(url: string, adminToken: string, timeoutMs = 30 * 60_000): Promise<number> {
  return pollUntilDone(timeoutMs, async () => {
    const lag = (await scrapeTotals(url, adminToken)).get('sas_consumer_lag_messages') ?? 0;
    return lag === 0 ? undefined : `${url} still ${lag} messages behind`;
  });
}

/** Asks `pending` every half second until it answers nothing left (undefined); the seconds waited, or its last answer once `timeoutMs` has passed. */
async function pollUntilDone(timeoutMs: number, pending: () => Promise<string | undefined>): Promise<number> {
  const started = Date.now();
  for (;;) {
    const left = await pending();
    if (left === undefined) return (Date.now() - started) / 1000;
    if (Date.now() - started > timeoutMs) throw new Error(`${left} after ${timeoutMs / 1000} s`);
    await pause(500);
  }
}
