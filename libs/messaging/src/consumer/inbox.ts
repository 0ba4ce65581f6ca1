import { DataSource, EntityManager } from 'typeorm';

/** Runs the handling of an event at most once per event id. */
export interface Inbox {
  /** Runs `work` unless the event was already handled; resolves whether it ran. */
  runOnce(eventId: string, work: (tx?: EntityManager) => Promise<void>): Promise<boolean>;
}

/**
 * Durable deduplication: the inbox row and the handler's writes share one
 * transaction, so an event's effects are applied exactly once even when Kafka
 * delivers it again.
 */
export class PostgresInbox implements Inbox {
  constructor(
    private readonly dataSource: DataSource,
    private readonly schema: string,
    private readonly consumer: string,
  ) {}

  runOnce(eventId: string, work: (tx?: EntityManager) => Promise<void>): Promise<boolean> {
    return this.dataSource.transaction(async (tx) => {
      const inserted = await tx.query(
        `INSERT INTO "${this.schema}".inbox (consumer, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING event_id`,
        [this.consumer, eventId],
      );
      if (inserted.length === 0) return false;
      await work(tx);
      return true;
    });
  }
}

/**
 * Deduplication for in-memory read models rebuilt by replaying topics: the memory
 * is lost with the model it protects. Remembers the most recent `capacity` ids.
 */
export class MemoryInbox implements Inbox {
  private readonly seen = new Set<string>();

  constructor(private readonly capacity = 1_000_000) {}

  async runOnce(eventId: string, work: () => Promise<void>): Promise<boolean> {
    if (this.seen.has(eventId)) return false;
    await work();
    this.seen.add(eventId);
    if (this.seen.size > this.capacity) this.seen.delete(this.seen.values().next().value as string);
    return true;
  }
}
