import { formatUuid, parseUuid, uuidHash } from '@sas/collections';
import { DataSource, EntityManager } from 'typeorm';

/** Runs the handling of an event at most once per event id, in memory (no transaction). */
export interface Inbox {
  /** Runs `work` unless the event was already handled; resolves whether it ran. */
  runOnce(eventId: string, work: () => Promise<void>): Promise<boolean>;
}

/**
 * An inbox that answers without I/O, so a consumer reading a batch asks it directly
 * instead of through a promise and a closure per event (MemoryInbox).
 */
export interface SyncInbox extends Inbox {
  /** Whether the event was handled already. */
  has(eventId: string): boolean;
  /** Records the event as handled (after its work succeeded). */
  add(eventId: string): void;
}

/**
 * The inbox of events whose handlers are idempotent by themselves (see
 * ReplaySubscription.idempotentEvents): every delivery runs, nothing is remembered.
 */
export const NO_INBOX: SyncInbox = {
  runOnce: async (_eventId, work) => {
    await work();
    return true;
  },
  has: () => false,
  add: () => undefined,
};

/** Runs the handling of an event at most once per event id, in the transaction that records it (PostgresInbox). */
export interface DurableInbox {
  /** Runs `work` in a transaction unless the event was already handled; resolves whether it ran. */
  runOnce(eventId: string, work: (tx: EntityManager) => Promise<void>): Promise<boolean>;
}

/** An inbox that can record and run the work of many events in one transaction (PostgresInbox). */
export interface BatchInbox extends DurableInbox {
  /**
   * Runs each event's work unless its id was handled already (earlier, or earlier in the
   * same list), all in one transaction, in order, then `beforeCommit`; resolves which ran.
   * If any of it throws, nothing is committed and the error propagates.
   */
  runAll(
    events: { eventId: string; work: (tx: EntityManager) => Promise<void> }[],
    beforeCommit?: (tx: EntityManager) => Promise<void>,
  ): Promise<boolean[]>;
}

export function isSyncInbox(inbox: object): inbox is SyncInbox {
  return typeof (inbox as Partial<SyncInbox>).has === 'function' && typeof (inbox as Partial<SyncInbox>).add === 'function';
}

/**
 * Durable deduplication: the inbox row and the handler's writes share one
 * transaction, so an event's effects are applied exactly once even when Kafka
 * delivers it again.
 */
export class PostgresInbox implements BatchInbox {
  constructor(
    private readonly dataSource: DataSource,
    private readonly schema: string,
    private readonly consumer: string,
  ) {}

  runOnce(eventId: string, work: (tx: EntityManager) => Promise<void>): Promise<boolean> {
    return this.dataSource.transaction(async (tx) => {
      if (!(await this.claim(tx, eventId))) return false;
      await work(tx);
      return true;
    });
  }

  runAll(
    events: { eventId: string; work: (tx: EntityManager) => Promise<void> }[],
    beforeCommit?: (tx: EntityManager) => Promise<void>,
  ): Promise<boolean[]> {
    return this.dataSource.transaction(async (tx) => {
      // Every id claimed by one statement (an id twice in the list is inserted once).
      const inserted: { event_id: string }[] = await tx.query(
        `INSERT INTO "${this.schema}".inbox (consumer, event_id) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING RETURNING event_id`,
        [this.consumer, events.map((e) => e.eventId)],
      );
      const claimed = new Set(inserted.map((row) => row.event_id));
      const ran: boolean[] = [];
      for (const { eventId, work } of events) {
        // Only the first of the same id in the list runs.
        const first = claimed.delete(eventId);
        if (first) await work(tx);
        ran.push(first);
      }
      await beforeCommit?.(tx);
      return ran;
    });
  }

  /** Records the event as handled in `tx`; false when it was already. */
  private async claim(tx: EntityManager, eventId: string): Promise<boolean> {
    const inserted = await tx.query(
      `INSERT INTO "${this.schema}".inbox (consumer, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING event_id`,
      [this.consumer, eventId],
    );
    return inserted.length > 0;
  }
}

/**
 * Deduplication for in-memory read models rebuilt by replaying topics: the memory
 * is lost with the model it protects. Remembers at least the most recent `capacity`
 * ids, and forgets the older ones by generations: ids go into the current generation;
 * when it holds `capacity` ids, it becomes the previous one and the one before is
 * dropped (so at most 2 × `capacity` ids are held).
 *
 * Event ids are UUIDs (CloudEvents ids from buildEnvelope): those are kept as 16 bytes
 * in open-addressing tables of 32-bit words, not as strings in a Set (about 85 bytes
 * each); any other id goes to a Set of strings beside them.
 */
export class MemoryInbox implements SyncInbox {
  private current = new IdGeneration();
  private previous = new IdGeneration();

  constructor(private readonly capacity = 1_000_000) {}

  async runOnce(eventId: string, work: () => Promise<void>): Promise<boolean> {
    if (this.has(eventId)) return false;
    await work();
    this.add(eventId);
    return true;
  }

  has(eventId: string): boolean {
    if (!parseUuid(eventId, words)) return this.current.hasOther(eventId) || this.previous.hasOther(eventId);
    return this.current.hasParsed() || this.previous.hasParsed();
  }

  add(eventId: string): void {
    if (parseUuid(eventId, words)) {
      if (this.current.hasParsed() || this.previous.hasParsed()) return;
      this.current.addParsed();
    } else {
      if (this.current.hasOther(eventId) || this.previous.hasOther(eventId)) return;
      this.current.addOther(eventId);
    }
    if (this.current.size >= this.capacity) {
      this.previous = this.current;
      this.current = new IdGeneration();
    }
  }

  /** Every id remembered, the older generation first (a snapshot adds them back in this order). */
  ids(): string[] {
    return [...this.previous.ids(), ...this.current.ids()];
  }

  /** Ids remembered (both generations), for tests and metrics. */
  get size(): number {
    return this.current.size + this.previous.size;
  }

  /** Bytes held by the id tables, for tests and metrics. */
  get bytes(): number {
    return this.current.bytes + this.previous.bytes;
  }
}

/**
 * The four 32-bit words of the last UUID parseUuid accepted (scratch: no allocation per
 * id). Ids are compared as strings: an upper-case UUID is another id, kept as a string.
 */
const words = new Uint32Array(4);

/**
 * One generation of ids: UUIDs in a linear-probing table of 4 words per entry (an
 * all-zero entry is free; the nil UUID is kept apart), others in a Set.
 */
const NIL_UUID = '00000000-0000-0000-0000-000000000000';

class IdGeneration {
  private table = new Uint32Array(4 * 1024);
  private mask = 1023;
  private uuids = 0;
  private nil = false;
  private readonly others = new Set<string>();

  get size(): number {
    return this.uuids + (this.nil ? 1 : 0) + this.others.size;
  }

  get bytes(): number {
    return this.table.byteLength;
  }

  /** The ids held, in no particular order. */
  ids(): string[] {
    const ids = [...this.others];
    if (this.nil) ids.push(NIL_UUID);
    const table = this.table;
    for (let at = 0; at < table.length; at += 4)
      if ((table[at] | table[at + 1] | table[at + 2] | table[at + 3]) !== 0) ids.push(formatUuid(table, at));
    return ids;
  }

  hasOther(id: string): boolean {
    return this.others.has(id);
  }

  addOther(id: string): void {
    this.others.add(id);
  }

  /** Whether the UUID in `words` is held. */
  hasParsed(): boolean {
    const a = words[0];
    const b = words[1];
    const c = words[2];
    const d = words[3];
    if ((a | b | c | d) === 0) return this.nil;
    const table = this.table;
    for (let slot = uuidHash(a, b, c, d) & this.mask; ; slot = (slot + 1) & this.mask) {
      const at = slot * 4;
      const wa = table[at];
      const wb = table[at + 1];
      const wc = table[at + 2];
      const wd = table[at + 3];
      if (wa === a && wb === b && wc === c && wd === d) return true;
      if ((wa | wb | wc | wd) === 0) return false;
    }
  }

  /** Adds the UUID in `words` (not held yet). */
  addParsed(): void {
    const a = words[0];
    const b = words[1];
    const c = words[2];
    const d = words[3];
    if ((a | b | c | d) === 0) {
      this.nil = true;
      return;
    }
    // At most half full: probes stay short.
    if ((this.uuids + 1) * 2 > this.mask + 1) this.grow();
    insert(this.table, this.mask, a, b, c, d);
    this.uuids++;
  }

  private grow(): void {
    const old = this.table;
    const mask = this.mask * 2 + 1;
    const table = new Uint32Array(4 * (mask + 1));
    for (let at = 0; at < old.length; at += 4) {
      const a = old[at];
      const b = old[at + 1];
      const c = old[at + 2];
      const d = old[at + 3];
      if ((a | b | c | d) !== 0) insert(table, mask, a, b, c, d);
    }
    this.table = table;
    this.mask = mask;
  }
}

function insert(table: Uint32Array, mask: number, a: number, b: number, c: number, d: number): void {
  let slot = uuidHash(a, b, c, d) & mask;
  while ((table[slot * 4] | table[slot * 4 + 1] | table[slot * 4 + 2] | table[slot * 4 + 3]) !== 0) slot = (slot + 1) & mask;
  const at = slot * 4;
  table[at] = a;
  table[at + 1] = b;
  table[at + 2] = c;
  table[at + 3] = d;
}
