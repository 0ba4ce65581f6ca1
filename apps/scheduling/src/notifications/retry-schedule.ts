/** When failed deliveries are tried again (WEBHOOK_RETRY_* settings). */
export interface RetrySchedule {
  firstDelayMs: number;
  maxDelayMs: number;
  windowMs: number;
}

/**
 * After `attempts` failed attempts of a delivery created at `createdAt`: when to try again
 * (the delay doubles from the first, up to the longest), or undefined when that would fall
 * beyond the retry window, and the delivery has failed for good. No jitter: deliveries of
 * one endpoint fail together and their retries then go out together, which an endpoint
 * coming back can take; the window, not the count, is the promise made to owners.
 */
export function nextAttemptAt(schedule: RetrySchedule, createdAt: Date, attempts: number, now: Date): Date | undefined {
  const delay = Math.min(schedule.firstDelayMs * 2 ** Math.max(0, attempts - 1), schedule.maxDelayMs);
  const next = new Date(now.getTime() + delay);
  return next.getTime() - createdAt.getTime() > schedule.windowMs ? undefined : next;
}
