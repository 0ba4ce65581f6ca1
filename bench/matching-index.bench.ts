// npm run bench:matching-index — the matching read model alone, in process: how fast slot
// states go into the index, how much memory a million slots take, and search latency
// (filter + ranking, with practitioners' weekly loads) for patients spread like the
// population of Île-de-France.
// Sizes: BENCH_SLOTS (default 2,000,000), BENCH_PRACTITIONERS (12,000), BENCH_SEARCHES (2,000).
import { randomUUID } from 'node:crypto';
import { SlotIndex, SlotState } from '../apps/matching/src/index/slot-index';
import { rankIndexed } from '../apps/matching/src/ranking/rank-slots';
import { WeeklyLoad } from '../apps/matching/src/ranking/weekly-load';
import { seededRandom } from '@sas/simulation';
import { benchPopulation } from './bench-population';
import { machine, percentile } from './bench-stack';
import { DEFAULT_SPECIALTY, SEARCH_WINDOW_MS, WEEKLY_CAP } from '@sas/contracts';

const SLOTS = Number(process.env.BENCH_SLOTS ?? 2_000_000);
const PRACTITIONERS = Number(process.env.BENCH_PRACTITIONERS ?? 12_000);
const SEARCHES = Number(process.env.BENCH_SEARCHES ?? 2_000);

const random = seededRandom(20261122);

function main() {
  const population = benchPopulation(random);
  const now = Date.now();
  const practitioners = population.practitioners(PRACTITIONERS);
  const slotAt = (n: number): SlotState => population.slot(practitioners[n % PRACTITIONERS], now, 0.1);

  // Slot states are generated in chunks and dropped once applied, so the heap measured
  // after loading holds what the index keeps (ids, times, interned profiles) and nothing
  // the generator still references; only the upserts are timed. Each chunk goes through
  // JSON as events do from Kafka (envelope.ts parses the value): randomUUID returns a
  // concatenation of pieces (~490 bytes per id held), JSON.parse a flat string (~56).
  const CHUNK = 100_000;
  const withdrawable: string[] = [];
  global.gc?.();
  const before = process.memoryUsage();
  const index = new SlotIndex();
  let ingestMs = 0;
  for (let n = 0; n < SLOTS; n += CHUNK) {
    const chunk: SlotState[] = JSON.parse(
      JSON.stringify(Array.from({ length: Math.min(CHUNK, SLOTS - n) }, (_, i) => slotAt(n + i))),
    );
    const t = performance.now();
    for (const s of chunk) index.upsert(s);
    ingestMs += performance.now() - t;
    for (let i = 0; i < chunk.length; i += 100) withdrawable.push(chunk[i].slotId);
  }
  global.gc?.();
  const after = process.memoryUsage();
  const retained = after.heapUsed + after.arrayBuffers - (before.heapUsed + before.arrayBuffers);

  // Weekly loads: most practitioners have a few SAS consultations this week, one in ten
  // is at the cap (their slots rank last).
  const load = new WeeklyLoad();
  for (const p of practitioners) {
    const n = random() < 0.1 ? WEEKLY_CAP : Math.floor(random() * 8);
    for (let i = 0; i < n; i++) load.booked(randomUUID(), p.id, new Date(now));
  }

  // Every search twice: with no load (as the first version of this benchmark), and with
  // the weekly loads through WeeklyLoad.of, as the HTTP search does.
  const zero = { latencies: [] as number[], results: 0, loadCalls: 0 };
  const weekly = { latencies: [] as number[], results: 0, loadCalls: 0 };
  for (let i = 0; i < SEARCHES; i++) {
    const patient = population.patient();
    for (const [run, loadOf] of [
      [zero, () => 0],
      [weekly, (ownerId: string, at: Date) => load.of(ownerId, at)],
    ] as const) {
      const t = performance.now();
      const nowDate = new Date();
      const ranked = rankIndexed(
        index,
        {
          from: nowDate,
          to: new Date(nowDate.getTime() + SEARCH_WINDOW_MS),
          specialty: DEFAULT_SPECIALTY,
          near: { ...patient, radiusKm: 10 },
        },
        { patient, radiusKm: 10, now: nowDate },
        (ownerId, at) => (run.loadCalls++, loadOf(ownerId, at)),
        20,
      );
      run.latencies.push(performance.now() - t);
      run.results += ranked.length;
    }
  }
  for (const run of [zero, weekly]) run.latencies.sort((a, b) => a - b);
  const figures = (run: typeof zero) => ({
    meanResults: +(run.results / SEARCHES).toFixed(1),
    meanLoadCalls: Math.round(run.loadCalls / SEARCHES),
    p50ms: +percentile(run.latencies, 50).toFixed(2),
    p99ms: +percentile(run.latencies, 99).toFixed(2),
    maxMs: +run.latencies[run.latencies.length - 1].toFixed(2),
  });

  // Withdrawals (bookings) of one slot in a hundred.
  const t1 = performance.now();
  for (const id of withdrawable) index.withdraw(id, 2);
  const withdrawSeconds = (performance.now() - t1) / 1000;
  process.stdout.write(
    JSON.stringify(
      {
        machine: machine(),
        slots: SLOTS,
        practitioners: PRACTITIONERS,
        ingestPerSecond: Math.round(SLOTS / (ingestMs / 1000)),
        withdrawPerSecond: Math.round(withdrawable.length / withdrawSeconds),
        indexHeapMbPerMillionSlots: Math.round((retained / 2 ** 20 / SLOTS) * 1e6),
        profiles: index.profileCount,
        searches: SEARCHES,
        searchNoLoad: figures(zero),
        searchWeeklyLoad: figures(weekly),
      },
      null,
      2,
    ) + '\n',
  );
}

main();
