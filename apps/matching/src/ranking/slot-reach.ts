import { SlotShared } from '../index/slot-index';
import { speaks } from '../index/equity-needs';
import { distanceKm, Point } from '@sas/referentials';
import { ConsultationModeCode } from '@sas/contracts';
import type { RankingQuery } from './rank-slots';

/*
 * Whether and how a slot serves the patient, and the points of its score: shared by the
 * ranking of a candidate list and the ranking over the index's buckets.
 */

// One point of score is worth 5 km, 4 hours of waiting, or 10 SAS consultations this
// week; an SNP-dedicated slot gains half a point. Lower is better.
export const KM_PER_POINT = 5;
const HOURS_PER_POINT = 4;
const LOAD_PER_POINT = 10;
const SNP_BONUS = 0.5;
const OTHER_DEPARTEMENT_PENALTY = 0.5;
// A consultation through an interpreter is worth 2 hours more waiting than one in the patient's language.
const INTERPRETER_PENALTY = 0.5;

export type Mode = ConsultationModeCode;

/** What the ranking reads of a slot to know whether and how it serves the patient: an IndexedSlot or a SearchKey. */
export type Offer = Pick<SlotShared, 'modes' | 'place'>;

export interface Reach {
  mode: Mode;
  distance: number | null;
  /** Points that depend on the place only: distance, or video outside the patient's département. */
  placePoints: number;
}

export const scratch: Reach = { mode: 'AMB', distance: null, placePoints: 0 };

/**
 * Whether the slot can serve the patient (within the radius; at home only inside the
 * home-visit radius; video anywhere), and how, written into `out`.
 */
export function reach(slot: Offer, query: RankingQuery, out: Reach): boolean {
  const mode = usableMode(slot, query);
  if (!mode) return false;
  const distance = query.patient && hasPoint(slot) ? distanceKm(query.patient, pointOf(slot)) : null;
  if (mode !== 'VR') {
    if (distance !== null && distance > query.radiusKm) return false;
    if (mode === 'HH' && (distance === null || distance > (slot.place.homeVisitRadiusKm ?? 0))) return false;
  }
  out.mode = mode;
  out.distance = distance;
  out.placePoints =
    mode === 'VR'
      ? sameDepartement(slot, query)
        ? 0
        : OTHER_DEPARTEMENT_PENALTY
      : distance !== null
        ? distance / KM_PER_POINT
        : 0;
  if (query.interpreterFor && !speaks(slot.place, query.interpreterFor)) out.placePoints += INTERPRETER_PENALTY;
  return true;
}

/**
 * The mode the patient would use: the one asked for, else the slot's first usable one.
 * Without any position (a commune with no known centre), only slots of the patient's
 * commune (or video) serve, and home visits need a position to check the radius.
 */
function usableMode(slot: Offer, query: RankingQuery): Mode | undefined {
  if (query.mode) return usable(slot, query.mode, query) ? query.mode : undefined;
  for (const mode of slot.modes) if (usable(slot, mode, query)) return mode;
  return undefined;
}

function usable(slot: Offer, mode: Mode, query: RankingQuery): boolean {
  if (!slot.modes.includes(mode)) return false;
  if (mode === 'VR') return true;
  const local = query.patient !== undefined || !query.patientCommune || slot.place.communeCode === query.patientCommune.code;
  return local && (mode === 'AMB' || (query.patient !== undefined && hasPoint(slot)));
}

export function sameDepartement(slot: Offer, query: RankingQuery): boolean {
  return query.patientCommune ? slot.place.communeCode.startsWith(query.patientCommune.departement) : true;
}

// A score is placePoints + hours until start / 4 (− 0.5 if SNP) + load / 10, added in
// this order by both rankings, so that equal inputs give bit-identical scores.

export function timePoints(placePoints: number, startMs: number, snp: boolean, nowMs: number): number {
  let total = placePoints + Math.max(0, (startMs - nowMs) / 3600_000) / HOURS_PER_POINT;
  if (snp) total -= SNP_BONUS;
  return total;
}

export function withLoad(points: number, load: number): number {
  return points + load / LOAD_PER_POINT;
}

function hasPoint(slot: Offer): boolean {
  return slot.place.latitude !== undefined && slot.place.longitude !== undefined;
}

function pointOf(slot: Offer): Point {
  return { latitude: slot.place.latitude!, longitude: slot.place.longitude! };
}
