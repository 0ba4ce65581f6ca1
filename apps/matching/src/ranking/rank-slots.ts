import { IndexedSlot } from '../index/slot-index';
import { distanceKm, Point } from './geo';
import { WEEKLY_CAP } from './weekly-load';

export interface RankingQuery {
  /** Where the patient is: the position given, else their commune's centre. */
  patient?: Point;
  /** The patient's commune, when given: its département is preferred for video. */
  patientCommune?: { code: string; departement: string };
  radiusKm: number;
  mode?: 'AMB' | 'HH' | 'VR';
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

// One point of score is worth 5 km, 4 hours of waiting, or 10 SAS consultations this
// week; an SNP-dedicated slot gains half a point. Lower is better.
const KM_PER_POINT = 5;
const HOURS_PER_POINT = 4;
const LOAD_PER_POINT = 10;
const SNP_BONUS = 0.5;
const OTHER_DEPARTEMENT_PENALTY = 0.5;

/**
 * Keeps the slots the patient can use (within the radius; at home only inside the
 * practitioner's home-visit radius; video anywhere) and returns the best `limit`:
 * practitioners at the weekly cap last, then by score, with the reasons of each place
 * in the list. Every candidate is scored with numbers only; reasons are written for the
 * few returned.
 */
export function rankSlots(candidates: Iterable<IndexedSlot>, query: RankingQuery, loadOf: (slot: IndexedSlot) => number, limit = Infinity): RankedSlot[] {
  const best: Scored[] = [];
  for (const slot of candidates) {
    const mode = usableMode(slot, query);
    if (!mode) continue;
    const distance = query.patient && hasPoint(slot) ? distanceKm(query.patient, pointOf(slot)) : null;
    if (mode !== 'VR') {
      if (distance !== null && distance > query.radiusKm) continue;
      if (mode === 'HH' && (distance === null || distance > (slot.place.homeVisitRadiusKm ?? 0))) continue;
    }
    const load = loadOf(slot);
    const scored: Scored = { slot, mode, distance, load, atCap: load >= WEEKLY_CAP, points: points(slot, mode, distance, load, query) };
    keepBest(best, scored, limit);
  }
  return best.map((s) => explain(s, query));
}

interface Scored {
  slot: IndexedSlot;
  mode: 'AMB' | 'HH' | 'VR';
  distance: number | null;
  load: number;
  atCap: boolean;
  points: number;
}

function before(a: Scored, b: Scored): boolean {
  if (a.atCap !== b.atCap) return !a.atCap;
  if (a.points !== b.points) return a.points < b.points;
  return a.slot.startMs < b.slot.startMs;
}

/** Inserts into the sorted list of the best `limit` so far (cheap when `limit` is small). */
function keepBest(best: Scored[], scored: Scored, limit: number): void {
  if (best.length >= limit && !before(scored, best[best.length - 1])) return;
  let i = best.length;
  while (i > 0 && before(scored, best[i - 1])) i--;
  best.splice(i, 0, scored);
  if (best.length > limit) best.pop();
}

/**
 * The mode the patient would use: the one asked for, else the slot's first usable one.
 * Without any position (a commune with no known centre), only slots of the patient's
 * commune (or video) serve, and home visits need a position to check the radius.
 */
function usableMode(slot: IndexedSlot, query: RankingQuery): 'AMB' | 'HH' | 'VR' | undefined {
  const local = query.patient !== undefined || !query.patientCommune || slot.place.communeCode === query.patientCommune.code;
  const usable = (m: 'AMB' | 'HH' | 'VR') =>
    slot.modes.includes(m) && (m === 'VR' || (local && (m === 'AMB' || (query.patient !== undefined && hasPoint(slot)))));
  if (query.mode) return usable(query.mode) ? query.mode : undefined;
  return slot.modes.find(usable);
}

function sameDepartement(slot: IndexedSlot, query: RankingQuery): boolean {
  return query.patientCommune ? slot.place.communeCode.startsWith(query.patientCommune.departement) : true;
}

function points(slot: IndexedSlot, mode: 'AMB' | 'HH' | 'VR', distance: number | null, load: number, query: RankingQuery): number {
  let total = 0;
  if (mode === 'VR') total += sameDepartement(slot, query) ? 0 : OTHER_DEPARTEMENT_PENALTY;
  else if (distance !== null) total += distance / KM_PER_POINT;
  total += Math.max(0, (slot.startMs - query.now.getTime()) / 3600_000) / HOURS_PER_POINT;
  if (slot.visibility.includes('SNP')) total -= SNP_BONUS;
  return total + load / LOAD_PER_POINT;
}

function explain({ slot, mode, distance, load, atCap, points }: Scored, query: RankingQuery): RankedSlot {
  const reasons: string[] = [];
  if (mode === 'VR') {
    reasons.push(sameDepartement(slot, query) ? 'video consultation, distance does not matter' : 'video consultation from another département');
  } else if (distance !== null) {
    reasons.push(`${distance.toFixed(1)} km away${mode === 'HH' ? ', within the home-visit radius' : ''}`);
  } else {
    reasons.push('in the requested commune');
  }
  reasons.push(`starts in ${formatDelay(Math.max(0, (slot.startMs - query.now.getTime()) / 3600_000))}`);
  if (slot.visibility.includes('SNP')) reasons.push('dedicated to unscheduled care (SNP)');
  reasons.push(atCap ? `at the weekly cap of ${WEEKLY_CAP} SAS consultations` : `${load} SAS consultation${load === 1 ? '' : 's'} this week`);
  return { slot, distanceKm: distance === null ? null : Math.round(distance * 10) / 10, weeklyLoad: load, atCap, score: points, reasons };
}

function hasPoint(slot: IndexedSlot): boolean {
  return slot.place.latitude !== undefined && slot.place.longitude !== undefined;
}

function pointOf(slot: IndexedSlot): Point {
  return { latitude: slot.place.latitude!, longitude: slot.place.longitude! };
}

function formatDelay(hours: number): string {
  const minutes = Math.round(hours * 60);
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')}`;
}
