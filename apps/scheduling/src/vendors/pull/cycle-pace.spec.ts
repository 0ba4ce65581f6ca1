import { MAX_GAP_MS, runPaced, searchGapMs } from './cycle-pace';

describe('searchGapMs', () => {
  const policy = { spreadMs: 40_000 };

  it.each([
    // searches, poll interval (s), gap (ms)
    [1, 300, 0],
    [2, 300, MAX_GAP_MS],
    [48, 300, 40_000 / 48],
    [480, 300, 40_000 / 480],
    [48, 20, 10_000 / 48],
    [48, 3600, 40_000 / 48],
  ])('%i searches every %i s start %f ms apart', (searches, interval, gap) => {
    expect(searchGapMs(searches, interval, policy)).toBeCloseTo(gap, 6);
  });

  it('keeps a whole cycle within the spread, and within half the poll interval', () => {
    for (const searches of [2, 10, 48, 480, 5000])
      for (const interval of [1, 60, 300, 3600]) {
        const gap = searchGapMs(searches, interval, policy);
        expect((searches - 1) * gap).toBeLessThanOrEqual(Math.min(40_000, interval * 500));
      }
  });
});

describe('runPaced', () => {
  it('starts the items in order, each no earlier than its slot in the window, under the limit', async () => {
    const starts: { item: number; at: number }[] = [];
    let inFlight = 0;
    let most = 0;
    const t0 = Date.now();
    const started = await runPaced([0, 1, 2, 3, 4, 5], 2, 30, async (item) => {
      starts.push({ item, at: Date.now() - t0 });
      most = Math.max(most, ++inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
    });
    expect(started).toBe(6);
    expect(starts.map((s) => s.item)).toEqual([0, 1, 2, 3, 4, 5]);
    starts.forEach((s) => expect(s.at).toBeGreaterThanOrEqual(s.item * 30 - 2));
    expect(most).toBeLessThanOrEqual(2);
  });

  it('starts nothing more once aborted, and does not wait out the window', async () => {
    const controller = new AbortController();
    const seen: number[] = [];
    const t0 = Date.now();
    setTimeout(() => controller.abort(), 50);
    const started = await runPaced([0, 1, 2, 3], 1, 10_000, async (item) => void seen.push(item), controller.signal);
    expect(seen).toEqual([0]);
    expect(started).toBe(1);
    expect(Date.now() - t0).toBeLessThan(1000);
  });
});
