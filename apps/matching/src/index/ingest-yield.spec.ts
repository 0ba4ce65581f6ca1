import { IngestYield } from './ingest-yield';

describe('IngestYield', () => {
  it('lets pending I/O run once a slice of work is used up, not after every event', async () => {
    let now = 0;
    const ingest = new IngestYield(4, () => now);
    let ioRan = 0;
    setImmediate(() => ioRan++);
    await ingest.afterEvent();
    now = 3;
    await ingest.afterEvent();
    expect(ioRan).toBe(0);
    now = 5;
    await ingest.afterEvent();
    expect(ioRan).toBe(1);
  });

  it('keeps the loop answering while a long run of events is applied', async () => {
    const ingest = new IngestYield(2);
    const ticks: number[] = [];
    const timer = setInterval(() => ticks.push(performance.now()), 0);
    const started = performance.now();
    // ~200 ms of synchronous work in 0.1 ms events, as a large batch would be.
    for (let i = 0; i < 2000; i++) {
      const until = performance.now() + 0.1;
      while (performance.now() < until);
      await ingest.afterEvent();
    }
    clearInterval(timer);
    expect(performance.now() - started).toBeGreaterThan(150);
    expect(ticks.length).toBeGreaterThan(20);
  });
});
