import { IndexedSlot, SearchKey, SlotIndex, SlotQuery } from '../index/slot-index';
import { speaks } from '../index/equity-needs';
import { Point } from '@sas/referentials';
import { KM_PER_POINT, Mode, reach, sameDepartement, scratch, timePoints, withLoad } from './slot-reach';
import { isoWeekOfMs } from './weekly-load';
import { ConsultationModeCode, WEEKLY_CAP } from '@sas/contracts';

export interface RankingQuery {
  /** Where the patient is: the position given, else their commune's centre. */
  patient?: Point;
  /** The patient's commune, when given: its département is preferred for video. */
  patientCommune?: { code: string; departement: string };
  radiusKm: number;
  mode?: ConsultationModeCode;
  /** The language the patient needs an interpreter for: places speaking it rank before those calling an interpreter. */
  interpreterFor?: string;
  now: Date;
}

export interface RankedSlot {
  slot: IndexedSlot;
  distanceKm: number | null;
  weeklyLoad: number;
  atCap: boolean;
  score: number;
  reasons: string[];
}

/**
 * Keeps the slots the patient can use (within the radius; at home only inside the
 * practitioner's home-visit radius; video anywhere) and returns the best `limit`:
 * practitioners at the weekly cap last, then by score, then earliest start (then slot
 * id, so that ties come out the same whatever the order of the candidates), with the
 * reasons of each place in the list. Every candidate is scored with numbers only;
 * reasons are written for the few returned.
 */
export function rankSlots(
  candidates: Iterable<IndexedSlot>,
  query: RankingQuery,
  loadOf: (slot: IndexedSlot) => number,
  limit = Infinity,
): RankedSlot[] {
  const best: Scored[] = [];
  const nowMs = query.now.getTime();
  for (const slot of candidates) {
    if (!reach(slot, query, scratch)) continue;
    const { mode, distance, placePoints } = scratch;
    const load = loadOf(slot);
    const points = withLoad(timePoints(placePoints, slot.startMs, slot.visibility.includes('SNP'), nowMs), load);
    keepBest(
      best,
      { slotId: slot.slotId, row: -1, slot, startMs: slot.startMs, mode, distance, load, atCap: load >= WEEKLY_CAP, points },
      limit,
    );
  }
  return best.map((s) => explain(s, s.slot!, query));
}

/** Tells searches apart, for the scratch values of SearchKey. */
let searches = 0;
/**
 * The best `limit` slots of the index for a search, ranked as rankSlots ranks the whole
 * filtered window, but reading the window hour by hour and stopping as soon as no later
 * slot can enter the results. A slot's score is at least (hours until its start) / 4
 * − 0.5 (distance, load and the other-département penalty only add), so once `limit`
 * results below the weekly cap are held and the worst of them scores under what the next
 * hour can reach, the rest cannot change the answer (at-cap results rank after all others,
 * so they never allow stopping).
 *
 * What depends only on the slot's search key (mode, distance) is worked out once per
 * key. Within a bucket, slots are taken in ascending order of their score without load,
 * and the load is asked only while a slot could still enter the results — at most once
 * per owner and week.
 *
 * `loadOf(ownerId, at)`: the owner's load in the Paris-calendar ISO week of `at` (the
 * start of one of the owner's slots), as WeeklyLoad.of; it must not be negative.
 */
export function rankIndexed(
  index: SlotIndex,
  filter: SlotQuery,
  query: RankingQuery,
  loadOf: (ownerId: string, at: Date) => number,
  limit = Infinity,
): RankedSlot[] {
  const best: Scored[] = [];
  const nowMs = query.now.getTime();
  const search = ++searches;
  const candidates = new Candidates();
  const loads = new Map<string, number>();
  let loadsWeek = '';
  const worstBelowCap = () => (best.length >= limit && !best[best.length - 1].atCap ? best[best.length - 1].points : Infinity);
  let bound = Infinity;

  // Near the patient, a bucket's distance from the patient bounds its slots' distance.
  // The index reads only the cells around `near` on the understanding that it is where
  // the patient is and that video is asked of the index whenever of the ranking (see
  // SlotQuery.near); otherwise it reads everything.
  const near = filter.near;
  const byDistance =
    !!near && !!query.patient && near.latitude === query.patient.latitude && near.longitude === query.patient.longitude;
  const scanned =
    near && !(byDistance && near.radiusKm >= query.radiusKm && (query.mode !== 'VR' || filter.mode === 'VR'))
      ? { ...filter, near: undefined }
      : filter;

  const visit = (row: number, key: SearchKey, snp: boolean, startMs: number) => {
    if (timePoints(0, startMs, snp, nowMs) > bound) return;
    if (key.rankStamp !== search) {
      key.rankStamp = search;
      if (reach(key, query, scratch)) {
        key.rankMode = scratch.mode;
        key.rankDistance = scratch.distance ?? -1;
        key.rankPlacePoints = scratch.placePoints;
      } else key.rankMode = '';
    }
    if (key.rankMode === '') return;
    const points = timePoints(key.rankPlacePoints, startMs, snp, nowMs);
    // The load only adds points: a slot already behind a worst below the cap cannot enter.
    if (points <= bound) candidates.push(row, key, startMs, points);
  };

  /** Ranks the candidates of the bucket just read, best score without load first. */
  const rankCandidates = () => {
    let weekKnown = false;
    for (let i = candidates.popBest(); i >= 0; i = candidates.popBest()) {
      const points = candidates.points[i];
      if (points > bound) break;
      const key = candidates.keys[i];
      const startMs = candidates.starts[i];
      if (!weekKnown) {
        weekKnown = true;
        const week = isoWeekOfMs(startMs);
        if (week !== loadsWeek) {
          loads.clear();
          loadsWeek = week;
        }
      }
      const ownerId = key.ownerId;
      let load = loads.get(ownerId);
      if (load === undefined) loads.set(ownerId, (load = loadOf(ownerId, new Date(startMs))));
      const atCap = load >= WEEKLY_CAP;
      const total = withLoad(points, load);
      if (best.length >= limit) {
        const worst = best[best.length - 1];
        if (worst.atCap === atCap ? total > worst.points : atCap) continue;
      }
      const row = candidates.rows[i];
      const distance = key.rankDistance < 0 ? null : key.rankDistance;
      keepBest(
        best,
        {
          slotId: index.slotId(row),
          row,
          slot: undefined,
          startMs,
          mode: key.rankMode as Mode,
          distance,
          load,
          atCap,
          points: total,
        },
        limit,
      );
      bound = worstBelowCap();
    }
    candidates.clear();
  };

  index.scan(scanned, visit, {
    goOn: (hourStartMs) => {
      rankCandidates();
      return !(bound < timePoints(0, hourStartMs, true, nowMs));
    },
    skip: (minKm, hourStartMs) => {
      rankCandidates();
      return bound < timePoints(byDistance ? minKm / KM_PER_POINT : 0, hourStartMs, true, nowMs);
    },
  });
  rankCandidates();
  return best.map((s) => explain(s, index.slotAt(s.row), query));
}

/**
 * The candidates of one bucket, popped in ascending order of score without load (a
 * binary heap over reusable columns, built once the bucket is read).
 */
class Candidates {
  rows = new Int32Array(256);
  starts = new Float64Array(256);
  points = new Float64Array(256);
  keys: SearchKey[] = [];
  private heap = new Int32Array(256);
  private length = 0;
  private heapSize = -1;

  push(row: number, key: SearchKey, startMs: number, points: number): void {
    const i = this.length++;
    if (i === this.rows.length) this.grow();
    this.rows[i] = row;
    this.starts[i] = startMs;
    this.points[i] = points;
    this.keys[i] = key;
  }

  /** The index of the candidate with the lowest points not yet popped, or -1. */
  popBest(): number {
    if (this.heapSize < 0) this.heapify();
    if (this.heapSize === 0) return -1;
    const top = this.heap[0];
    this.heap[0] = this.heap[--this.heapSize];
    this.siftDown(0);
    return top;
  }

  clear(): void {
    this.length = 0;
    this.heapSize = -1;
    this.keys.length = 0;
  }

  private heapify(): void {
    this.heapSize = this.length;
    for (let i = 0; i < this.length; i++) this.heap[i] = i;
    for (let i = (this.length >> 1) - 1; i >= 0; i--) this.siftDown(i);
  }

  private siftDown(at: number): void {
    const { heap, points } = this;
    const item = heap[at];
    const key = points[item];
    for (;;) {
      let child = 2 * at + 1;
      if (child >= this.heapSize) break;
      if (child + 1 < this.heapSize && points[heap[child + 1]] < points[heap[child]]) child++;
      if (points[heap[child]] >= key) break;
      heap[at] = heap[child];
      at = child;
    }
    heap[at] = item;
  }

  private grow(): void {
    const size = this.rows.length * 2;
    const rows = new Int32Array(size);
    rows.set(this.rows);
    const starts = new Float64Array(size);
    starts.set(this.starts);
    const points = new Float64Array(size);
    points.set(this.points);
    this.rows = rows;
    this.starts = starts;
    this.points = points;
    this.heap = new Int32Array(size);
  }
}

interface Scored {
  slotId: string;
  /** The index row (rankIndexed), or -1. */
  row: number;
  /** The slot itself (rankSlots), or undefined. */
  slot: IndexedSlot | undefined;
  startMs: number;
  mode: Mode;
  distance: number | null;
  load: number;
  atCap: boolean;
  points: number;
}

function before(a: Scored, b: Scored): boolean {
  if (a.atCap !== b.atCap) return !a.atCap;
  if (a.points !== b.points) return a.points < b.points;
  if (a.startMs !== b.startMs) return a.startMs < b.startMs;
  return a.slotId < b.slotId;
}

/** Inserts into the sorted list of the best `limit` so far (cheap when `limit` is small). */
function keepBest(best: Scored[], scored: Scored, limit: number): void {
  if (best.length >= limit && !before(scored, best[best.length - 1])) return;
  let i = best.length;
  while (i > 0 && before(scored, best[i - 1])) i--;
  best.splice(i, 0, scored);
  if (best.length > limit) best.pop();
}

function explain({ mode, distance, load, atCap, points }: Scored, slot: IndexedSlot, query: RankingQuery): RankedSlot {
  const reasons: string[] = [];
  if (mode === 'VR') {
    reasons.push(
      sameDepartement(slot, query)
        ? 'video consultation, distance does not matter'
        : 'video consultation from another département',
    );
  } else if (distance !== null) {
    reasons.push(`${distance.toFixed(1)} km away${mode === 'HH' ? ', within the home-visit radius' : ''}`);
  } else {
    reasons.push('in the requested commune');
  }
  reasons.push(`starts in ${formatDelay(Math.max(0, (slot.startMs - query.now.getTime()) / 3600_000))}`);
  if (slot.visibility.includes('SNP')) reasons.push('dedicated to unscheduled care (SNP)');
  if (query.interpreterFor)
    reasons.push(speaks(slot.place, query.interpreterFor) ? `speaks ${query.interpreterFor}` : 'through an interpreter');
  reasons.push(
    atCap ? `at the weekly cap of ${WEEKLY_CAP} SAS consultations` : `${load} SAS consultation${load === 1 ? '' : 's'} this week`,
  );
  return {
    slot,
    distanceKm: distance === null ? null : Math.round(distance * 10) / 10,
    weeklyLoad: load,
    atCap,
    score: points,
    reasons,
  };
}

function formatDelay(hours: number): string {
  const minutes = Math.round(hours * 60);
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')}`;
}
