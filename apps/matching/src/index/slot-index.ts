import { IsoTimes } from './iso-times';
import { PlaceDirectory, revisionOf } from './place-directory';
import { Bucket, HOUR_MS, SlotBuckets } from './slot-buckets';
import { SlotIds } from './slot-ids';
import { ProfileTable, SlotPlace, SlotProfile, SlotShared, SlotState } from './slot-profile';
import { IndexRows, matches, ScanControl, SlotQuery, SlotVisitor } from './slot-query';
import { ANYWHERE, cellCount, cellsAround, cellsIn, inRange, minDistanceKm } from './spatial-grid';

export type { SlotShared, SlotState } from './slot-profile';
export { SearchKey } from './slot-profile';
export type { IndexRows, ScanControl, SlotQuery, SlotVisitor } from './slot-query';

/** A slot as searches return it: its state, and its start in epoch milliseconds. */
export type IndexedSlot = SlotState & { readonly startMs: number };

const FORGET_UNKNOWN_AFTER_MS = 30 * 86400_000;
const PRUNE_EVERY = 10_000;
const INITIAL_ROWS = 1024;
/** The profile of a row whose slot is withdrawn: remembered, in no bucket. */
const WITHDRAWN = -1;
/** The profile of a row on the free list. */
const UNUSED = -2;

/** Tells the scans apart, for the scratch values of SearchKey. */
let scans = 0;

/**
 * The read model of free slots, built only from slot events. Every change carries a
 * revision; an older revision arriving late never overwrites a newer one, and a slot
 * withdrawn (booked, expired…) comes back only with a newer revision (released).
 *
 * Storage is columnar: a slot is a row of typed arrays (start, end, revision, profile,
 * and its id in SlotIds), not an object of its own for the garbage collector to trace
 * and move; what a slot shares with the other slots of its owner at its place is one
 * interned SlotProfile, and what searches read of that, one SearchKey. Rows are
 * bucketed by grid cell × UTC hour of start (SlotBuckets), so a search reads the hours
 * of its window in order, and only the cells around the patient.
 *
 * A withdrawn slot keeps its row, out of the buckets (profile WITHDRAWN), for the
 * revision at which it left, so that a late, older event cannot bring it back; a
 * withdrawal of a slot never seen takes a row for the same reason. Such rows are freed
 * once the slot is over (or 30 days on when its end is unknown), so they do not pile up;
 * freed rows are reused.
 */
export class SlotIndex {
  private readonly ids = new SlotIds(INITIAL_ROWS);
  private startMs = new Float64Array(INITIAL_ROWS);
  /** The end of each slot; for a withdrawn row, when it may be forgotten. */
  private endMs = new Float64Array(INITIAL_ROWS);
  private revisions = new Float64Array(INITIAL_ROWS);
  /** The profile of each row, or WITHDRAWN, or UNUSED. */
  private profileOf = new Int32Array(INITIAL_ROWS);
  private rowsUsed = 0;
  private readonly freeRows: number[] = [];
  private searchable = 0;
  private withdrawn = 0;
  /** Start and end as received, for the rare slots whose times are not in toISOString form. */
  private readonly verbatimTimes = new Map<number, { start: string; end: string }>();
  private readonly profiles = new ProfileTable();
  private readonly times = new IsoTimes();
  private readonly buckets = new SlotBuckets();
  private withdrawalsSincePrune = 0;
  /** Places changed and records retired, from the directory topic. */
  readonly directory = new PlaceDirectory();

  /** Applies a slot-published or slot-updated state. */
  upsert(state: SlotState): void {
    let row = this.ids.rowOf(state.slotId);
    if (row >= 0 && this.revisions[row] >= state.revision) return;
    // A slot of a retired record (a kept booking cancelled, read late) is not offered again.
    if (this.directory.retired(state)) return this.withdraw(state.slotId, state.revision);
    const place = this.directory.latest(state.place);
    if (place !== state.place) state = { ...state, place };
    // Acquired before the old one is released, so an update keeping its profile reuses it.
    const profile = this.profiles.acquire(state);
    if (row < 0) {
      row = this.allocate();
      this.ids.add(state.slotId, row);
      this.searchable++;
    } else if (this.profileOf[row] === WITHDRAWN) {
      this.withdrawn--;
      this.searchable++;
    } else {
      this.unplace(row);
    }
    const startMs = this.times.parse(state.start);
    const endMs = this.times.parse(state.end);
    this.fill(row, profile, startMs, endMs, state.revision);
    if (this.times.canonical(state.start, startMs) && this.times.canonical(state.end, endMs)) this.verbatimTimes.delete(row);
    else this.verbatimTimes.set(row, { start: state.start, end: state.end });
  }

  /** Gives a searchable row its slot's times, revision and profile, and puts it in its bucket. */
  private fill(row: number, profile: SlotProfile, startMs: number, endMs: number, revision: number): void {
    this.startMs[row] = startMs;
    this.endMs[row] = endMs;
    this.revisions[row] = revision;
    this.profileOf[row] = profile.id;
    this.buckets.add(row, profile.cell, Math.floor(startMs / HOUR_MS), startMs, profile.key, profile.snp);

    // The latest known offer of each owner at each place, kept after its slots are gone.
    const group = profile.group;
    if (group.offerStartMs <= startMs) {
      group.offer = profile.shared;
      group.offerStartMs = startMs;
    }
  }

  /**
   * Applies a place-updated state to the slots, and the owners' latest offers, that carry
   * an older state of the place (PlaceDirectory): each such slot moves to a profile with
   * the new place, keeping its times and revision. Returns how many slots moved.
   */
  applyPlace(place: SlotPlace): number {
    if (!this.directory.update(place)) return 0;
    const stale = new Set<number>();
    const older = (p: SlotPlace) => p.placeId === place.placeId && revisionOf(p) < revisionOf(place);
    for (const group of this.profiles.groups()) {
      for (const profile of group.profiles) if (older(profile.shared.place)) stale.add(profile.id);
      if (group.offer && older(group.offer.place)) group.offer = Object.freeze({ ...group.offer, place });
    }
    const rows = this.rowsOf(stale);
    for (const row of rows) {
      const profile = this.profiles.acquire({ ...this.slotAt(row), place });
      this.unplace(row);
      this.fill(row, profile, this.startMs[row], this.endMs[row], this.revisions[row]);
    }
    return rows.length;
  }

  /**
   * The searchable rows of these profiles, found in the buckets of the profiles' cells
   * only (a place's slots share its cell): a few thousand slots read, not every row of
   * the index. Collected before any is moved, so that no profile id is freed meanwhile.
   */
  private rowsOf(profileIds: Set<number>): number[] {
    const cells = new Set<number>();
    for (const id of profileIds) cells.add(this.profiles.get(id).cell);
    const rows: number[] = [];
    for (const cell of cells)
      for (const bucket of this.buckets.cell(cell)?.values() ?? [])
        for (let i = 0; i < bucket.slots.length; i += 2) {
          const row = bucket.slots[i] >> 1;
          if (profileIds.has(this.profileOf[row])) rows.push(row);
        }
    return rows;
  }

  /**
   * A place or a practitioner retired: its slots leave search now, and any state of them
   * read later too (upsert), whatever the order the topics are read in. Returns how many left.
   */
  retire(record: { placeId: string } | { practitionerId: string }): number {
    if ('placeId' in record) this.directory.retirePlace(record.placeId);
    else this.directory.retirePractitioner(record.practitionerId);
    const gone = new Set<number>();
    for (const group of this.profiles.groups())
      for (const profile of group.profiles) if (this.directory.retired(profile.shared)) gone.add(profile.id);
    const rows = this.rowsOf(gone);
    for (const row of rows) this.withdraw(this.ids.idOf(row), this.revisions[row]);
    return rows.length;
  }

  withdraw(slotId: string, revision: number, now = Date.now()): void {
    let row = this.ids.rowOf(slotId);
    if (row < 0) {
      row = this.allocate();
      this.ids.add(slotId, row);
      this.endMs[row] = now + FORGET_UNKNOWN_AFTER_MS;
      this.profileOf[row] = WITHDRAWN;
      this.withdrawn++;
    } else if (this.revisions[row] > revision) {
      return;
    } else if (this.profileOf[row] !== WITHDRAWN) {
      this.unplace(row);
      this.verbatimTimes.delete(row);
      this.profileOf[row] = WITHDRAWN;
      this.searchable--;
      this.withdrawn++;
    }
    this.revisions[row] = revision;
    if (++this.withdrawalsSincePrune >= PRUNE_EVERY) this.pruneWithdrawals(now);
  }

  /** Withdrawals remembered, for metrics and tests. */
  get withdrawalsRemembered(): number {
    return this.withdrawn;
  }

  /** Forgets withdrawals of slots that are over: no event can make them bookable again. */
  pruneWithdrawals(now = Date.now()): void {
    this.withdrawalsSincePrune = 0;
    const { profileOf, endMs } = this;
    for (let row = 0; row < this.rowsUsed && this.withdrawn > 0; row++) {
      if (profileOf[row] !== WITHDRAWN || !(endMs[row] < now)) continue;
      this.ids.delete(row);
      profileOf[row] = UNUSED;
      this.freeRows.push(row);
      this.withdrawn--;
    }
  }

  /**
   * The index's rows, copied: memory copies of its columns and a list of its profiles,
   * cheap enough to take between two events of a consumer (tens of milliseconds for
   * millions of slots); the index may change as soon as this returns.
   */
  exportRows(): IndexRows {
    const count = this.rowsUsed;
    const offers: IndexRows['offers'] = [];
    for (const group of this.profiles.groups()) if (group.offer) offers.push({ offer: group.offer, startMs: group.offerStartMs });
    return {
      count,
      ...this.ids.copy(count),
      profile: this.profileOf.slice(0, count),
      startMs: this.startMs.slice(0, count),
      endMs: this.endMs.slice(0, count),
      revisions: this.revisions.slice(0, count),
      verbatimTimes: [...this.verbatimTimes].map(([row, { start, end }]) => [row, start, end]),
      profiles: this.profiles.sharedById(),
      offers,
      directory: this.directory.export(),
    };
  }

  /**
   * Takes in rows exportRows gave, into an index that has none, each into the row it
   * had: searchable slots interned and bucketed as upsert does, withdrawals with their
   * revision and the time they may be forgotten, then the owners' latest offers.
   */
  importRows(rows: IndexRows): void {
    if (this.rowsUsed > 0) throw new Error('rows are imported into an empty index');
    this.directory.import(rows.directory);
    const others = new Map(rows.otherIds);
    // Each profile acquired for its first row, retained for the others.
    const acquired: (SlotProfile | undefined)[] = [];
    for (let i = 0; i < rows.count; i++) {
      // Rows are taken in order: each gets the number it had (verbatim times are by row).
      const row = this.allocate();
      const id = rows.profile[i];
      if (id === UNUSED) {
        this.profileOf[row] = UNUSED;
        this.freeRows.push(row);
        continue;
      }
      const other = others.get(i);
      if (other !== undefined) this.ids.add(other, row);
      else this.ids.addWords(rows.ids, 4 * i, row);
      if (id === WITHDRAWN) {
        this.profileOf[row] = WITHDRAWN;
        this.endMs[row] = rows.endMs[i];
        this.revisions[row] = rows.revisions[i];
        this.withdrawn++;
        continue;
      }
      let profile = acquired[id];
      if (profile) this.profiles.retain(profile);
      else
        acquired[id] = profile = this.profiles.acquire({
          ...rows.profiles[id]!,
          slotId: '',
          start: '',
          end: '',
          revision: 0,
        } as SlotState);
      this.fill(row, profile, rows.startMs[i], rows.endMs[i], rows.revisions[i]);
      this.searchable++;
    }
    for (const [row, start, end] of rows.verbatimTimes) this.verbatimTimes.set(row, { start, end });
    for (const { offer, startMs } of rows.offers) {
      const group = this.profiles.group(offer.ownerId, offer.place.placeId);
      if (group.offerStartMs <= startMs) {
        group.offer = offer;
        group.offerStartMs = startMs;
      }
    }
  }

  /**
   * Owners (at a place) who accept SAS patients beyond their slots: as the place says when
   * its owner set it, else as their latest slot says; none at a retired place or practitioner.
   */
  acceptingBeyondSlots(): SlotShared[] {
    const accepting: SlotShared[] = [];
    for (const { offer } of this.profiles.groups())
      if (offer && (offer.place.acceptsBeyondSlots ?? offer.acceptsBeyondSlots) && !this.directory.retired(offer))
        accepting.push(offer);
    return accepting;
  }

  /** Free slots, that searches find. */
  get size(): number {
    return this.searchable;
  }

  /** Distinct profiles in use, for metrics and tests. */
  get profileCount(): number {
    return this.profiles.size;
  }

  /** Free slots starting inside the window and matching every criterion given, in no order. */
  filter(query: SlotQuery): IndexedSlot[] {
    const found: IndexedSlot[] = [];
    this.scan(query, (row) => found.push(this.slotAt(row)));
    return found;
  }

  /** Calls `visit` with what each slot of the query shares with others, and its start: no slot is built. */
  forEach(query: SlotQuery, visit: (slot: SlotShared, startMs: number) => void): void {
    this.scan(query, (row, _key, _snp, startMs) => visit(this.profiles.get(this.profileOf[row]).shared, startMs));
  }

  /**
   * Visits the free slots starting inside the window and matching every criterion, hour
   * of start by hour of start in ascending order (in no order within an hour). With
   * `near` (and a mode other than VR), only the cells that may hold slots within the
   * radius are read, nearest first, then ANYWHERE (see SlotQuery.near). `control` may stop
   * the scan before an hour, or skip a bucket (the slots of one cell starting in one hour).
   */
  scan(query: SlotQuery, visit: SlotVisitor, control: ScanControl = {}): void {
    const from = query.from.getTime();
    const to = query.to.getTime();
    if (!(from <= to)) return;
    const stamp = ++scans;
    let cells: { hours: Map<number, Bucket>; minKm: number }[] | undefined;
    if (query.near && query.mode !== 'VR') {
      const { latitude, longitude, radiusKm } = query.near;
      const range = cellsAround(latitude, longitude, radiusKm);
      // A radius covering more cells than the index holds: pick among the index's cells.
      const around =
        cellCount(range) <= this.buckets.cellCount ? cellsIn(range) : [...this.buckets.cells()].filter((c) => inRange(c, range));
      cells = [];
      for (const cell of around) {
        const hours = this.buckets.cell(cell);
        const minKm = hours ? minDistanceKm(latitude, longitude, cell) : Infinity;
        if (hours && minKm <= radiusKm) cells.push({ hours, minKm });
      }
      cells.sort((a, b) => a.minKm - b.minKm);
      const anywhere = this.buckets.cell(ANYWHERE);
      if (anywhere) cells.push({ hours: anywhere, minKm: 0 });
    }
    const { goOn, skip } = control;
    for (const hour of this.buckets.hoursBetween(Math.floor(from / HOUR_MS), Math.floor(to / HOUR_MS))) {
      const hourStartMs = hour * HOUR_MS;
      if (goOn && !goOn(hourStartMs)) return;
      if (cells) {
        for (const { hours, minKm } of cells) {
          const bucket = hours.get(hour);
          if (bucket && !skip?.(minKm, hourStartMs)) this.scanBucket(bucket, from, to, query, stamp, visit);
        }
      } else {
        for (const bucket of this.buckets.hour(hour) ?? [])
          if (!skip?.(0, hourStartMs)) this.scanBucket(bucket, from, to, query, stamp, visit);
      }
    }
  }

  /** The id of the slot in a row a scan gave. */
  slotId(row: number): string {
    return this.ids.idOf(row);
  }

  /** The slot in a row a scan gave, as a plain object (times as ISO strings). */
  slotAt(row: number): IndexedSlot {
    const startMs = this.startMs[row];
    const verbatim = this.verbatimTimes.get(row);
    return {
      slotId: this.ids.idOf(row),
      ...this.profiles.get(this.profileOf[row]).shared,
      start: verbatim?.start ?? this.times.format(startMs),
      end: verbatim?.end ?? this.times.format(this.endMs[row]),
      revision: this.revisions[row],
      startMs,
    } as IndexedSlot;
  }

  private scanBucket(bucket: Bucket, from: number, to: number, query: SlotQuery, stamp: number, visit: SlotVisitor): void {
    const { slots, keys } = bucket;
    const hourStartMs = bucket.hour * HOUR_MS;
    for (let i = 0; i < keys.length; i++) {
      const start = hourStartMs + slots[2 * i + 1];
      if (start < from || start > to) continue;
      const key = keys[i];
      if (key.filterStamp !== stamp) {
        key.filterStamp = stamp;
        key.filterPass = matches(key, query);
      }
      const rowAndSnp = slots[2 * i];
      if (key.filterPass) visit(rowAndSnp >> 1, key, (rowAndSnp & 1) === 1, start);
    }
  }

  private allocate(): number {
    if (this.freeRows.length) return this.freeRows.pop()!;
    if (this.rowsUsed === this.startMs.length) {
      const capacity = this.rowsUsed * 2;
      this.startMs = grow(this.startMs, new Float64Array(capacity));
      this.endMs = grow(this.endMs, new Float64Array(capacity));
      this.revisions = grow(this.revisions, new Float64Array(capacity));
      this.profileOf = grow(this.profileOf, new Int32Array(capacity));
    }
    return this.rowsUsed++;
  }

  /** Takes the row out of its bucket and lets go of its profile. */
  private unplace(row: number): void {
    const profile = this.profiles.get(this.profileOf[row]);
    this.buckets.remove(row, profile.cell, Math.floor(this.startMs[row] / HOUR_MS));
    this.profiles.release(profile);
  }
}

function grow<T extends Float64Array | Int32Array>(old: T, grown: T): T {
  grown.set(old);
  return grown;
}
