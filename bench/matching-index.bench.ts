// npm run bench:matching-index — the matching read model alone, in process: how fast slot
// states go into the index, how much memory a million slots take, and search latency
// (filter + ranking) for patients spread like the population of Île-de-France.
// Sizes: BENCH_SLOTS (default 2,000,000), BENCH_PRACTITIONERS (12,000), BENCH_SEARCHES (2,000).
import { communeCentre, communesOfDepartement, departementsOfRegion } from '@sas/referentials';
import { randomUUID } from 'node:crypto';
import { SlotIndex, SlotState } from '../apps/matching/src/index/slot-index';
import { rankSlots } from '../apps/matching/src/ranking/rank-slots';
import { machine, percentile } from './bench-stack';

const SLOTS = Number(process.env.BENCH_SLOTS ?? 2_000_000);
const PRACTITIONERS = Number(process.env.BENCH_PRACTITIONERS ?? 12_000);
const SEARCHES = Number(process.env.BENCH_SEARCHES ?? 2_000);

/** Deterministic pseudo-random numbers (same data on every run). */
let seed = 20261122;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

/** Île-de-France communes with their centre and population, for weighted draws. */
function communes() {
  const list = departementsOfRegion('11').flatMap((d) => communesOfDepartement(d.code)).map((c) => ({ ...c, centre: communeCentre(c.code)! }));
  let total = 0;
  const cumulative = list.map((c) => (total += c.population));
  return () => {
    const x = random() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return list[lo];
  };
}

function main() {
  const drawCommune = communes();
  const now = Date.now();
  const practitioners = Array.from({ length: PRACTITIONERS }, () => {
    const c = drawCommune();
    return {
      id: randomUUID(),
      communeCode: c.code,
      placeId: randomUUID(),
      latitude: c.centre.latitude + (random() - 0.5) * 0.02,
      longitude: c.centre.longitude + (random() - 0.5) * 0.03,
      homeVisitRadiusKm: random() < 0.3 ? 5 : undefined,
      modes: (random() < 0.2 ? ['AMB', 'VR'] : random() < 0.1 ? ['AMB', 'HH'] : ['AMB']) as SlotState['modes'],
    };
  });
  const slots: SlotState[] = Array.from({ length: SLOTS }, (_, n) => {
    const p = practitioners[n % PRACTITIONERS];
    const start = now + Math.floor(random() * 14 * 96) * 15 * 60_000;
    return {
      slotId: randomUUID(),
      ownerId: p.id,
      practitionerId: p.id,
      profession: 'general-practitioner',
      specialties: ['SM54'],
      place: { placeId: p.placeId, communeCode: p.communeCode, latitude: p.latitude, longitude: p.longitude, homeVisitRadiusKm: p.homeVisitRadiusKm },
      start: new Date(start).toISOString(),
      end: new Date(start + 15 * 60_000).toISOString(),
      visibility: random() < 0.5 ? ['SNP'] : ['PUBLIC', 'PRO'],
      modes: p.modes,
      appointmentType: 'ROUTINE',
      acceptsBeyondSlots: random() < 0.1,
      revision: 1,
    };
  });

  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const index = new SlotIndex();
  const t0 = performance.now();
  for (const s of slots) index.upsert(s);
  const ingestSeconds = (performance.now() - t0) / 1000;
  global.gc?.();
  const heapAfter = process.memoryUsage().heapUsed;

  const latencies: number[] = [];
  let results = 0;
  for (let i = 0; i < SEARCHES; i++) {
    const c = drawCommune();
    const patient = { latitude: c.centre.latitude + (random() - 0.5) * 0.02, longitude: c.centre.longitude + (random() - 0.5) * 0.03 };
    const t = performance.now();
    const nowDate = new Date();
    const candidates = index.filter({ from: nowDate, to: new Date(nowDate.getTime() + 48 * 3600_000), specialty: 'SM54', near: { ...patient, radiusKm: 10 } });
    results += rankSlots(candidates, { patient, radiusKm: 10, now: nowDate }, () => 0, 20).length;
    latencies.push(performance.now() - t);
  }
  latencies.sort((a, b) => a - b);
  process.stdout.write(
    JSON.stringify(
      {
        machine: machine(),
        slots: SLOTS,
        practitioners: PRACTITIONERS,
        ingestPerSecond: Math.round(SLOTS / ingestSeconds),
        indexHeapMbPerMillionSlots: Math.round(((heapAfter - heapBefore) / 2 ** 20 / SLOTS) * 1e6),
        searches: SEARCHES,
        meanResults: +(results / SEARCHES).toFixed(1),
        searchP50ms: +percentile(latencies, 50).toFixed(2),
        searchP99ms: +percentile(latencies, 99).toFixed(2),
      },
      null,
      2,
    ) + '\n',
  );
}

main();
