import type { SearchKey } from './slot-profile';

export const HOUR_MS = 3600_000;

/**
 * The slots of one grid cell (or of ANYWHERE) that start in one UTC hour: their rows, and
 * beside them what a scan reads (start, search key, SNP flag), so that reading a bucket
 * walks its arrays in order instead of jumping around the index's columns. Most buckets
 * hold a few slots, so each array a bucket has costs more than its slots: the SNP flag
 * rides in the row's lowest bit, and the start, as milliseconds into the bucket's hour,
 * beside it in the same array of small integers (no array of doubles).
 */
export class Bucket {
  /**
   * Two numbers a slot: its row × 2, plus 1 when it is dedicated to unscheduled care
   * (SNP); then its start minus the start of the bucket's hour, in ms.
   */
  readonly slots: number[];
  readonly keys: SearchKey[];
  /** Where this bucket sits in the list of its hour's buckets. */
  inHour = -1;

  /** Made with its first slot: arrays made from a literal hold just that, not the 16 spare places `push` gives an empty array. */
  constructor(
    readonly cell: number,
    readonly hour: number,
    rowAndSnp: number,
    offsetMs: number,
    key: SearchKey,
  ) {
    this.slots = [rowAndSnp, offsetMs];
    this.keys = [key];
  }
}

/**
 * Slot rows bucketed by space (grid cell) × time (UTC hour of their start), so a search
 * reads only the buckets of its cells and window, hour after hour. Buckets are plain
 * arrays; a row leaves its bucket by swap-remove, its position kept in `position`. Empty
 * buckets are dropped, so hours gone by cost nothing once their slots are withdrawn.
 */
export class SlotBuckets {
  private readonly byCell = new Map<number, Map<number, Bucket>>();
  private readonly byHour = new Map<number, Bucket[]>();
  private position = new Int32Array(1024);

  add(row: number, cell: number, hour: number, startMs: number, key: SearchKey, snp: boolean): void {
    if (row >= this.position.length) {
      const grown = new Int32Array(Math.max(row + 1, this.position.length * 2));
      grown.set(this.position);
      this.position = grown;
    }
    const rowAndSnp = row * 2 + (snp ? 1 : 0);
    const offsetMs = startMs - hour * HOUR_MS;
    let hours = this.byCell.get(cell);
    if (!hours) this.byCell.set(cell, (hours = new Map()));
    const bucket = hours.get(hour);
    if (bucket) {
      this.position[row] = bucket.keys.length;
      bucket.slots.push(rowAndSnp, offsetMs);
      bucket.keys.push(key);
      return;
    }
    const created = new Bucket(cell, hour, rowAndSnp, offsetMs, key);
    hours.set(hour, created);
    let list = this.byHour.get(hour);
    if (!list) this.byHour.set(hour, (list = []));
    created.inHour = list.length;
    list.push(created);
    this.position[row] = 0;
  }

  remove(row: number, cell: number, hour: number): void {
    const hours = this.byCell.get(cell);
    const bucket = hours?.get(hour);
    if (!hours || !bucket) throw new Error(`slot row ${row} is not in bucket ${cell}@${hour}`);
    const { slots, keys } = bucket;
    const at = this.position[row];
    const lastOffset = slots.pop()!;
    const last = slots.pop()!;
    const lastKey = keys.pop()!;
    if (last >> 1 !== row) {
      slots[2 * at] = last;
      slots[2 * at + 1] = lastOffset;
      keys[at] = lastKey;
      this.position[last >> 1] = at;
    }
    if (keys.length > 0) return;
    hours.delete(hour);
    if (hours.size === 0) this.byCell.delete(cell);
    const list = this.byHour.get(hour)!;
    const moved = list.pop()!;
    if (moved !== bucket) {
      list[bucket.inHour] = moved;
      moved.inHour = bucket.inHour;
    }
    if (list.length === 0) this.byHour.delete(hour);
  }

  /** Cells holding at least one slot (ANYWHERE included). */
  get cellCount(): number {
    return this.byCell.size;
  }

  /** The cells holding slots. */
  cells(): IterableIterator<number> {
    return this.byCell.keys();
  }

  /** The hours of the cell that hold slots, or undefined when it holds none. */
  cell(cell: number): Map<number, Bucket> | undefined {
    return this.byCell.get(cell);
  }

  /** Every bucket of an hour, whatever its cell. */
  hour(hour: number): readonly Bucket[] | undefined {
    return this.byHour.get(hour);
  }

  /**
   * The hours from `first` to `last` (inclusive) that may hold slots, in ascending order:
   * every hour of the range when it is short, else only the hours that hold slots.
   */
  hoursBetween(first: number, last: number): number[] {
    const hours: number[] = [];
    if (last - first < this.byHour.size) {
      for (let h = first; h <= last; h++) hours.push(h);
      return hours;
    }
    for (const h of this.byHour.keys()) if (h >= first && h <= last) hours.push(h);
    return hours.sort((a, b) => a - b);
  }
}
