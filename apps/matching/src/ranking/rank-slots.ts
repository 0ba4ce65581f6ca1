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
 * practitioner's home-visit radius; video anywhere) and orders them: practitioners at
 * the weekly cap last, then by score, with the reasons of each place in the list.
 */
export function rankSlots(candidates: IndexedSlot[], query: RankingQuery, loadOf: (slot: IndexedSlot) => number): RankedSlot[] {
  const ranked: RankedSlot[] = [];
  for (const slot of candidates) {
    const usable = usableMode(slot, query);
    if (!usable) continue;
    const distance = query.patient && hasPoint(slot) ? distanceKm(query.patient, pointOf(slot)) : null;
    if (usable !== 'VR') {
      if (distance !== null && distance > query.radiusKm) continue;
      if (usable === 'HH' && (distance === null || distance > (slot.place.homeVisitRadiusKm ?? 0))) continue;
    }
    const load = loadOf(slot);
    ranked.push(score(slot, usable, distance, load, query));
  }
  return ranked.sort((a, b) => Number(a.atCap) - Number(b.atCap) || a.score - b.score || Date.parse(a.slot.start) - Date.parse(b.slot.start));
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

function score(slot: IndexedSlot, mode: 'AMB' | 'HH' | 'VR', distance: number | null, load: number, query: RankingQuery): RankedSlot {
  const reasons: string[] = [];
  let points = 0;
  if (mode === 'VR') {
    const sameDepartement = query.patientCommune ? slot.place.communeCode.startsWith(query.patientCommune.departement) : true;
    if (!sameDepartement) points += OTHER_DEPARTEMENT_PENALTY;
    reasons.push(sameDepartement ? 'video consultation, distance does not matter' : 'video consultation from another département');
  } else if (distance !== null) {
    points += distance / KM_PER_POINT;
    reasons.push(`${distance.toFixed(1)} km away${mode === 'HH' ? ', within the home-visit radius' : ''}`);
  } else {
    reasons.push('in the requested commune');
  }
  const hours = Math.max(0, (Date.parse(slot.start) - query.now.getTime()) / 3600_000);
  points += hours / HOURS_PER_POINT;
  reasons.push(`starts in ${formatDelay(hours)}`);
  if (slot.visibility.includes('SNP')) {
    points -= SNP_BONUS;
    reasons.push('dedicated to unscheduled care (SNP)');
  }
  points += load / LOAD_PER_POINT;
  const atCap = load >= WEEKLY_CAP;
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
