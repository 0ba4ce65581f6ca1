import { ConsultationMode, PayloadOf, SlotPublished } from '@sas/contracts';
import { SpatialGrid } from './spatial-grid';

export type SlotState = PayloadOf<typeof SlotPublished>;

/** A slot as the index keeps it: its event state, and its start parsed once. */
export type IndexedSlot = SlotState & { readonly startMs: number };

export interface SlotQuery {
  from: Date;
  to: Date;
  /**
   * Where the patient is: only slots that may lie within the radius are looked at, plus
   * video slots and slots of places without coordinates (the ranking decides for those).
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
}

type ConsultationModeCode = (typeof ConsultationMode)['static'];

const FORGET_UNKNOWN_AFTER_MS = 30 * 86400_000;
const PRUNE_EVERY = 10_000;

/**
 * The read model of free slots, built only from slot events. Every change carries a
 * revision; an older revision arriving late never overwrites a newer one, and a slot
 * withdrawn (booked, expired…) comes back only with a newer revision (released).
 */
export class SlotIndex {
  private readonly slots = new Map<string, IndexedSlot>();
  private readonly grid = new SpatialGrid();
  /** Slots a search near a point must always look at: video, and places without coordinates. */
  private readonly anywhere = new Set<string>();
  /** The latest known offer of each owner at each place, kept after its slots are gone. */
  private readonly offers = new Map<string, IndexedSlot>();
  /**
   * Revision at which each slot left the free list, so a late, older event cannot bring
   * it back. Forgotten once the slot is over (or 30 days on when its end is unknown),
   * so the map does not grow without bound.
   */
  private readonly withdrawnAt = new Map<string, { revision: number; forgetAfter: number }>();
  private withdrawalsSincePrune = 0;

  /** Applies a slot-published or slot-updated state. */
  upsert(state: SlotState): void {
    const current = this.slots.get(state.slotId);
    if (current && current.revision >= state.revision) return;
    if ((this.withdrawnAt.get(state.slotId)?.revision ?? 0) >= state.revision) return;
    if (current) this.unplace(current);
    const slot: IndexedSlot = { ...state, startMs: Date.parse(state.start) };
    this.slots.set(slot.slotId, slot);
    this.place(slot);
    const offerKey = `${slot.ownerId}|${slot.place.placeId}`;
    const known = this.offers.get(offerKey);
    if (!known || known.startMs <= slot.startMs) this.offers.set(offerKey, slot);
  }

  withdraw(slotId: string, revision: number, now = Date.now()): void {
    const current = this.slots.get(slotId);
    if (current && current.revision > revision) return;
    if (current) this.unplace(current);
    this.slots.delete(slotId);
    const known = this.withdrawnAt.get(slotId);
    const forgetAfter = current ? Date.parse(current.end) : (known?.forgetAfter ?? now + FORGET_UNKNOWN_AFTER_MS);
    this.withdrawnAt.set(slotId, { revision: Math.max(revision, known?.revision ?? 0), forgetAfter });
    if (++this.withdrawalsSincePrune >= PRUNE_EVERY) this.pruneWithdrawals(now);
  }

  /** Withdrawals remembered, for metrics and tests. */
  get withdrawalsRemembered(): number {
    return this.withdrawnAt.size;
  }

  /** Forgets withdrawals of slots that are over: no event can make them bookable again. */
  pruneWithdrawals(now = Date.now()): void {
    this.withdrawalsSincePrune = 0;
    for (const [slotId, { forgetAfter }] of this.withdrawnAt) if (forgetAfter < now) this.withdrawnAt.delete(slotId);
  }

  /** Owners (at a place) whose latest slot says they accept SAS patients beyond their slots. */
  acceptingBeyondSlots(): IndexedSlot[] {
    return [...this.offers.values()].filter((o) => o.acceptsBeyondSlots);
  }

  get size(): number {
    return this.slots.size;
  }

  /** Free slots starting inside the window and matching every criterion given, in no order. */
  filter(query: SlotQuery): IndexedSlot[] {
    const from = query.from.getTime();
    const to = query.to.getTime();
    const found: IndexedSlot[] = [];
    for (const slot of this.candidates(query)) {
      if (slot.startMs < from || slot.startMs > to) continue;
      if (query.mode && !slot.modes.includes(query.mode)) continue;
      if (query.specialty && !slot.specialties.includes(query.specialty)) continue;
      if (query.profession && slot.profession !== query.profession) continue;
      if (query.communeCode && slot.place.communeCode !== query.communeCode) continue;
      if (query.sector1Only && slot.place.conventionSector !== '1') continue;
      if (query.thirdPartyPayment && !slot.place.thirdPartyPayment) continue;
      if (query.wheelchairAccessible && !slot.place.wheelchairAccessible) continue;
      if (query.language && !(slot.place.languages ?? []).includes(query.language)) continue;
      found.push(slot);
    }
    return found;
  }

  private *candidates(query: SlotQuery): Generator<IndexedSlot> {
    if (!query.near) {
      yield* this.slots.values();
      return;
    }
    const { latitude, longitude, radiusKm } = query.near;
    for (const id of this.grid.near(latitude, longitude, radiusKm)) {
      const slot = this.slots.get(id)!;
      if (!this.anywhere.has(id)) yield slot; // video slots come once, below
    }
    for (const id of this.anywhere) yield this.slots.get(id)!;
  }

  private place(slot: IndexedSlot): void {
    const { latitude, longitude } = slot.place;
    if (latitude !== undefined && longitude !== undefined) this.grid.add(slot.slotId, latitude, longitude);
    if (latitude === undefined || longitude === undefined || slot.modes.includes('VR')) this.anywhere.add(slot.slotId);
  }

  private unplace(slot: IndexedSlot): void {
    const { latitude, longitude } = slot.place;
    if (latitude !== undefined && longitude !== undefined) this.grid.remove(slot.slotId, latitude, longitude);
    this.anywhere.delete(slot.slotId);
  }
}
