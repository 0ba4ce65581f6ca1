import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { readSettings } from '@sas/settings';
import { MESSAGING_SETTINGS } from './settings';

export interface MessagingPrunerOptions {
  schema: string;
  /** How long a published outbox row is kept (its event is on Kafka); 0 keeps rows for ever. */
  outboxRetentionMs: number;
  /** How long an inbox entry (the id of an event handled, for deduplication) is kept; 0 (the default) keeps them for ever. */
  inboxRetentionMs: number;
  /** How often the pruner runs. */
  everyMs: number;
  /** Outbox rows looked at per statement (default 5,000): each statement is one short transaction. */
  chunk?: number;
}

/**
 * Reads the retention settings from the environment: OUTBOX_RETENTION_HOURS (168),
 * INBOX_RETENTION_HOURS (0: for ever), MESSAGING_PRUNE_INTERVAL_MS (1 h).
 */
export function messagingPrunerOptionsFromEnv(schema: string, env: NodeJS.ProcessEnv = process.env): MessagingPrunerOptions {
  const settings = readSettings(MESSAGING_SETTINGS, env);
  return {
    schema,
    outboxRetentionMs: settings.OUTBOX_RETENTION_HOURS * 3_600_000,
    inboxRetentionMs: settings.INBOX_RETENTION_HOURS * 3_600_000,
    everyMs: settings.MESSAGING_PRUNE_INTERVAL_MS,
  };
}

/**
 * Keeps the service's messaging tables from growing for ever.
 *
 * - **Outbox**: rows published longer ago than the retention are deleted. Once published,
 *   a row's event is on Kafka (whose topics keep everything by default); kept, the rows
 *   would grow the outbox by every event the service ever wrote — millions a week for
 *   scheduling's slots. Rows not yet published are never touched. The relay publishes in
 *   id order, so the oldest published rows are at the head of the table: the pruner walks
 *   it in id order, a chunk per statement, and stops at the first chunk holding a row
 *   published within the retention — it never scans the recent part.
 * - **Inbox** (only when INBOX_RETENTION_HOURS is set; kept for ever by default): ids of
 *   events handled longer ago than the retention are forgotten. They are there to
 *   recognise Kafka delivering an event again — after a rebalance, a crash before the
 *   offset commit, or the relay re-sending a batch — which happens within minutes. But a
 *   consumer whose group lost its committed offsets re-reads its topics from the beginning
 *   (`fromBeginning`), and then only the inbox stops it from handling old events twice;
 *   Kafka forgets the offsets of a group left empty for `offsets.retention.minutes`
 *   (7 days by default). So the retention is the operator's choice, longer than any time
 *   a consumer may stay down. A deliberate replay goes through a rebuild, which clears the
 *   inbox with the state. One statement per run, found through the BRIN index on
 *   `handled_at` (entries are appended in time order).
 */
export class MessagingPruner {
  private readonly logger = new Logger(MessagingPruner.name);
  private readonly chunk: number;
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly options: MessagingPrunerOptions,
  ) {
    this.chunk = options.chunk ?? 5000;
  }

  start(): void {
    if ((this.options.outboxRetentionMs === 0 && this.options.inboxRetentionMs === 0) || this.timer) return;
    this.timer = setInterval(() => {
      this.running ??= this.prune()
        .catch((error) =>
          this.logger.warn(`pruning the messaging tables failed, retried at the next run: ${(error as Error).message}`),
        )
        .finally(() => (this.running = undefined));
    }, this.options.everyMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Prunes both tables as of `now`; returns how many rows each lost. */
  async prune(now = new Date()): Promise<{ outbox: number; inbox: number }> {
    return { outbox: await this.pruneOutbox(now), inbox: await this.pruneInbox(now) };
  }

  /** Deletes the outbox rows published before `now` minus the retention; returns how many. */
  async pruneOutbox(now = new Date()): Promise<number> {
    if (this.options.outboxRetentionMs === 0) return 0;
    const cutoff = new Date(now.getTime() - this.options.outboxRetentionMs);
    let after = '0';
    let deleted = 0;
    for (;;) {
      const [step]: { last: string | null; deleted: number; reached_recent: boolean }[] = await this.dataSource.query(
        `WITH head AS (
           SELECT id, published_at FROM "${this.options.schema}".outbox WHERE id > $1 ORDER BY id LIMIT $3),
         gone AS (
           DELETE FROM "${this.options.schema}".outbox o USING head h
            WHERE o.id = h.id AND h.published_at < $2
           RETURNING o.id)
         SELECT (SELECT max(id) FROM head)::text AS last,
                (SELECT count(*) FROM gone)::int AS deleted,
                EXISTS (SELECT 1 FROM head WHERE published_at >= $2) AS reached_recent`,
        [after, cutoff, this.chunk],
      );
      deleted += step.deleted;
      if (step.last === null || step.reached_recent) break;
      after = step.last;
    }
    if (deleted) this.logger.log(`pruned ${deleted} outbox rows published before ${cutoff.toISOString()}`);
    return deleted;
  }

  /** Forgets the inbox entries handled before `now` minus the retention; returns how many. */
  async pruneInbox(now = new Date()): Promise<number> {
    if (this.options.inboxRetentionMs === 0) return 0;
    const cutoff = new Date(now.getTime() - this.options.inboxRetentionMs);
    const [{ deleted }]: { deleted: number }[] = await this.dataSource.query(
      `WITH gone AS (DELETE FROM "${this.options.schema}".inbox WHERE handled_at < $1 RETURNING 1)
       SELECT count(*)::int AS deleted FROM gone`,
      [cutoff],
    );
    if (deleted) this.logger.log(`pruned ${deleted} inbox entries handled before ${cutoff.toISOString()}`);
    return deleted;
  }
}
