import { nextAttemptAt } from './retry-schedule';

const DAY = 24 * 3600_000;
const schedule = { firstDelayMs: 5_000, maxDelayMs: 2 * 3600_000, windowMs: DAY };
const created = new Date('2026-12-01T08:00:00Z');
const at = (ms: number) => new Date(created.getTime() + ms);

describe('the retry schedule of a failed webhook delivery', () => {
  it.each([
    [1, 5_000],
    [2, 10_000],
    [3, 20_000],
    [6, 160_000],
    [12, 2 * 3600_000],
    [30, 2 * 3600_000],
  ])('after %i failed attempts waits %i ms (doubling, capped)', (attempts, delay) => {
    expect(nextAttemptAt(schedule, created, attempts, at(60_000))).toEqual(at(60_000 + delay));
  });

  it('keeps retrying for the whole window, then gives up', () => {
    let now = created;
    let attempts = 0;
    let last = now;
    for (;;) {
      attempts++;
      const next = nextAttemptAt(schedule, created, attempts, now);
      if (!next) break;
      last = next;
      now = next;
    }
    expect(last.getTime() - created.getTime()).toBeLessThanOrEqual(DAY);
    expect(last.getTime() - created.getTime()).toBeGreaterThan(DAY - schedule.maxDelayMs);
    expect(attempts).toBeGreaterThan(15);
  });

  it('gives up at once when the window is already over', () => {
    expect(nextAttemptAt(schedule, created, 1, at(DAY))).toBeUndefined();
  });
});
