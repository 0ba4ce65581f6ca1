// node infra/bin/run-ts.js bench/directory-updates.bench.ts — what a directory event costs the
// matching index, in process: a place-updated moving one place's slots to its new state, and
// a place-retired taking them out, over an index of Île-de-France's size (practitioners placed
// like the population, so Paris's cells are the crowded ones). Each is applied while the
// consumer holds the event loop, so its time is a pause of searches and of the replay.
// Sizes: BENCH_SLOTS (default 2,000,000), BENCH_PRACTITIONERS (12,000), BENCH_EVENTS (200).
import { seededRandom } from '@sas/simulation';
import { SlotIndex } from '../apps/matching/src/index/slot-index';
import { benchPopulation } from './bench-population';
import { machine, percentile } from './bench-stack';

const SLOTS = Number(process.env.BENCH_SLOTS ?? 2_000_000);
const PRACTITIONERS = Number(process.env.BENCH_PRACTITIONERS ?? 12_000);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 200);

function main() {
  const random = seededRandom(20261204);
  const population = benchPopulation(random);
  const now = Date.now();
  const practitioners = population.practitioners(PRACTITIONERS);
  const index = new SlotIndex();
  for (let n = 0; n < SLOTS; n++) index.upsert(population.slot(practitioners[n % PRACTITIONERS], now, 0.1));
  process.stdout.write(`${index.size} slots of ${PRACTITIONERS} practitioners indexed (${machine()})\n`);

  const timed = (apply: (n: number) => number) => {
    const ms: number[] = [];
    let slots = 0;
    for (let n = 0; n < EVENTS; n++) {
      const started = performance.now();
      slots += apply(n);
      ms.push(performance.now() - started);
    }
    ms.sort((a, b) => a - b);
    return `p50 ${percentile(ms, 50).toFixed(1)} ms, p99 ${percentile(ms, 99).toFixed(1)} ms, max ${ms[ms.length - 1].toFixed(1)} ms, ${(slots / EVENTS).toFixed(0)} slots each`;
  };
  const updated = timed((n) => {
    const p = practitioners[(n * 37) % PRACTITIONERS];
    return index.applyPlace({
      placeId: p.placeId,
      communeCode: p.communeCode,
      latitude: p.latitude,
      longitude: p.longitude,
      languages: ['fr', 'en'],
      wheelchairAccessible: true,
      regulatorPhone: '01 47 57 12 34',
      revision: 2,
    });
  });
  process.stdout.write(`place-updated (${EVENTS} places): ${updated}\n`);
  const retired = timed((n) => index.retire({ placeId: practitioners[(n * 37 + 11) % PRACTITIONERS].placeId }));
  process.stdout.write(`place-retired (${EVENTS} places): ${retired}\n`);
}

main();
