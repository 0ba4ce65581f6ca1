import { formatUuid, parseUuid, uuidHash } from '@sas/collections';

const EMPTY = -1;

/** The words of the id being looked up or added (scratch: no allocation per event). */
const parsed = new Uint32Array(4);

/**
 * The id of each row of the slot index, and the row of each id, off the heap. Slot ids
 * are UUIDs (the contracts say so): each row's id is four 32-bit words of one column, and
 * an open-addressing table of row numbers (linear probing, doubled rather than more than
 * half full) finds a row by comparing the words of the rows it probes. A row leaves the
 * table by backward shift, so slots coming and going leave no tombstones behind. A Map of
 * id strings cost about 100 bytes a slot, in objects living as long as their slots, that
 * a replay of millions of events leaves scattered over the old generation.
 *
 * An id not in canonical form (upper-case hexadecimal is a uuid to the contracts, but
 * another id, ids being compared as strings) is kept verbatim in maps beside the table:
 * there are few if any.
 */
export class SlotIds {
  /** The id of row r in words[4r] to words[4r + 3]. */
  private words: Uint32Array;
  /** Row numbers by hash of their id, EMPTY where none. */
  private table: Int32Array;
  private mask: number;
  private uuids = 0;
  private readonly rowOfOther = new Map<string, number>();
  private readonly otherOf = new Map<number, string>();

  /** Sized for `rows` ids (a power of two) before any growth. */
  constructor(rows = 1024) {
    this.words = new Uint32Array(4 * rows);
    this.table = new Int32Array(2 * rows).fill(EMPTY);
    this.mask = 2 * rows - 1;
  }

  /** Ids held. */
  get size(): number {
    return this.uuids + this.rowOfOther.size;
  }

  /** The row of an id, or -1. */
  rowOf(id: string): number {
    if (!parseUuid(id, parsed)) return this.rowOfOther.get(id) ?? -1;
    const a = parsed[0];
    const b = parsed[1];
    const c = parsed[2];
    const d = parsed[3];
    const { table, words, mask } = this;
    for (let slot = uuidHash(a, b, c, d) & mask; ; slot = (slot + 1) & mask) {
      const row = table[slot];
      if (row === EMPTY) return -1;
      const at = 4 * row;
      if (words[at] === a && words[at + 1] === b && words[at + 2] === c && words[at + 3] === d) return row;
    }
  }

  /** Gives a row its id (no other row has it). */
  add(id: string, row: number): void {
    if (!parseUuid(id, parsed)) {
      this.rowOfOther.set(id, row);
      this.otherOf.set(row, id);
      return;
    }
    this.addParsed(row);
  }

  /** Gives a row the id of four words (as copy() gave them; no other row has it). */
  addWords(words: Uint32Array, at: number, row: number): void {
    parsed[0] = words[at];
    parsed[1] = words[at + 1];
    parsed[2] = words[at + 2];
    parsed[3] = words[at + 3];
    this.addParsed(row);
  }

  private addParsed(row: number): void {
    if (4 * row >= this.words.length) {
      const grown = new Uint32Array(Math.max(4 * (row + 1), 2 * this.words.length));
      grown.set(this.words);
      this.words = grown;
    }
    this.words.set(parsed, 4 * row);
    if (2 * (this.uuids + 1) > this.table.length) this.grow();
    this.place(row);
    this.uuids++;
  }

  /** Takes its id from a row (which has one). */
  delete(row: number): void {
    const other = this.otherOf.get(row);
    if (other !== undefined) {
      this.otherOf.delete(row);
      this.rowOfOther.delete(other);
      return;
    }
    const { table, mask } = this;
    let hole = this.home(row);
    while (table[hole] !== row) hole = (hole + 1) & mask;
    // Each row after the hole, up to the next empty place, moves into the hole when the
    // hole lies between its home and where it is: no probe from a home is cut short.
    for (let slot = (hole + 1) & mask; table[slot] !== EMPTY; slot = (slot + 1) & mask) {
      const moved = table[slot];
      if (((slot - this.home(moved)) & mask) >= ((slot - hole) & mask)) {
        table[hole] = moved;
        hole = slot;
      }
    }
    table[hole] = EMPTY;
    this.uuids--;
  }

  /** The id of a row, as it was added. */
  idOf(row: number): string {
    return this.otherOf.get(row) ?? formatUuid(this.words, 4 * row);
  }

  /** The ids of rows 0 to `rows` − 1, copied: words, and the ids kept verbatim. */
  copy(rows: number): { ids: Uint32Array; otherIds: [row: number, id: string][] } {
    const ids = new Uint32Array(4 * rows);
    ids.set(this.words.subarray(0, Math.min(4 * rows, this.words.length)));
    return { ids, otherIds: [...this.otherOf].filter(([row]) => row < rows) };
  }

  /** Where the probe for the id of a row starts. */
  private home(row: number): number {
    const words = this.words;
    const at = 4 * row;
    return uuidHash(words[at], words[at + 1], words[at + 2], words[at + 3]) & this.mask;
  }

  private place(row: number): void {
    let slot = this.home(row);
    while (this.table[slot] !== EMPTY) slot = (slot + 1) & this.mask;
    this.table[slot] = row;
  }

  private grow(): void {
    const old = this.table;
    this.table = new Int32Array(2 * old.length).fill(EMPTY);
    this.mask = this.table.length - 1;
    for (let slot = 0; slot < old.length; slot++) if (old[slot] !== EMPTY) this.place(old[slot]);
  }
}
