import { ConsultationMode } from '@sas/contracts';
import { EquityNeeds, servesNeeds } from './equity-needs';
import { DirectoryRows } from './place-directory';
import { SearchKey, SlotShared } from './slot-profile';

/** What a search asks of the index (SlotIndex.scan, filter, forEach). */
export interface SlotQuery {
  from: Date;
  to: Date;
  /**
   * Where the patient is: only slots that may lie within the radius are looked at, plus
   * those a patient there may use at any distance (the ranking decides for those):
   * slots of places without coordinates, slots whose first mode is video (a search
   * without a mode takes the first), and, when `mode` is VR, every video slot.
   */
  near?: { latitude: number; longitude: number; radiusKm: number };
  mode?: ConsultationModeCode;
  specialty?: string;
  profession?: string;
  /** Only slots of places in this commune (used when the patient's position is unknown). */
  communeCode?: string;
  sector1Only?: boolean;
  thirdPartyPayment?: boolean;
  wheelchairAccessible?: boolean;
  language?: string;
  /** A case's equity needs: only places that can see the patient (see servesNeeds). */
  needs?: EquityNeeds;
}

/**
 * Receives each slot a scan finds: its row (for SlotIndex.slotId / slotAt), its search
 * key, whether it is dedicated to unscheduled care (SNP), and its start. Must not change
 * the index.
 */
export type SlotVisitor = (row: number, key: SearchKey, snp: boolean, startMs: number) => void;

/** How a caller steers a scan (see SlotIndex.scan). */
export interface ScanControl {
  /** Before each hour, given its start: false stops the scan. */
  goOn?(hourStartMs: number): boolean;
  /**
   * Before each bucket: true skips it. `minKm` is a lower bound of the distance from
   * `near` to the place of any slot in the bucket (0 for ANYWHERE, and without `near`).
   */
  skip?(minKm: number, hourStartMs: number): boolean;
}

type ConsultationModeCode = (typeof ConsultationMode)['static'];

/**
 * The rows of an index as a snapshot keeps them (SlotIndex.exportRows): its columns up
 * to the last row used, copied, and the interned profiles they point to.
 */
export interface IndexRows {
  count: number;
  /** Four words per row (meaningless for a row whose id is in `otherIds`, or unused). */
  ids: Uint32Array;
  /** Ids not in canonical UUID form, by row. */
  otherIds: [row: number, id: string][];
  /** The profile id of each row (an index in `profiles`), or WITHDRAWN (-1), or UNUSED (-2). */
  profile: Int32Array;
  startMs: Float64Array;
  /** The end of each slot; for a withdrawn row, when it may be forgotten. */
  endMs: Float64Array;
  revisions: Float64Array;
  /** Times not in toISOString form, as received, by row. */
  verbatimTimes: [row: number, start: string, end: string][];
  /** What each profile id stands for (null: no profile has the id now). */
  profiles: (SlotShared | null)[];
  /** The latest offer of every owner at a place (see acceptingBeyondSlots). */
  offers: { offer: SlotShared; startMs: number }[];
  /** What the directory topic said (see PlaceDirectory). */
  directory: DirectoryRows;
}

/** Whether a slot's shared part meets every criterion of a query but its window and place. */
export function matches(slot: Pick<SlotShared, 'modes' | 'specialties' | 'profession' | 'place'>, query: SlotQuery): boolean {
  if (query.mode && !slot.modes.includes(query.mode)) return false;
  if (query.specialty && !slot.specialties.includes(query.specialty)) return false;
  if (query.profession && slot.profession !== query.profession) return false;
  if (query.communeCode && slot.place.communeCode !== query.communeCode) return false;
  if (query.sector1Only && slot.place.conventionSector !== '1') return false;
  if (query.thirdPartyPayment && !slot.place.thirdPartyPayment) return false;
  if (query.wheelchairAccessible && !slot.place.wheelchairAccessible) return false;
  if (query.language && !(slot.place.languages ?? []).includes(query.language)) return false;
  if (query.needs && !servesNeeds(slot.place, query.needs)) return false;
  return true;
}
