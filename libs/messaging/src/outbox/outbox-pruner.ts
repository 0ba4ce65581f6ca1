import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { positiveInt } from '../settings';

export interface OutboxPrunerOptions {
  schema: string;
  /** How long a published row is kept (its event is on Kafka); 0 keeps rows forever. */
  retentionMs: number;
  /** How often the pruner runs. */
  everyMs: number;
  /** Rows looked at per statement (default 5,000): each statement is one short transaction. */
  chunk?: number;
}

/** Reads the retention settings from the environment: OUTBOX_RETENTION_HOURS (168), OUTBOX_PRUNE_INTERVAL_MS (1 h). */
export function outboxPrunerOptionsFromEnv(schema: string, env: NodeJS.ProcessEnv = process.env): OutboxPrunerOptions {
  const hours = env.OUTBOX_RETENTION_HOURS === undefined || env.OUTBOX_RETENTION_HOURS === '' ? 168 : Number(env.OUTBOX_RETENTION_HOURS);
  if (!Number.isFinite(hours) || hours < 0) throw new Error(`OUTBOX_RETENTION_HOURS must be a number of hours ≥ 0, got ${env.OUTBOX_RETENTION_HOURS}`);
  return { schema, retentionMs: hours * 3_600_000, everyMs: positiveInt('OUTBOX_PRUNE_INTERVAL_MS', env.OUTBOX_PRUNE_INTERVAL_MS, 3_600_000) };
}

/**
 * Deletes outbox rows published longer ago than the retention. Once published, a row's
 * event is on Kafka (whose topics keep everything by default); kept for ever, the rows
 * would grow the outbox by every event the service ever wrote — millions a week for
 * scheduling's slots. Rows not yet published are never touched.
 *
 * The relay publishes in id order, so the oldest published rows are at the head of the
 * table: the pruner walks it in id order, a chunk per statement, and stops at the first
 * chunk holding a row published within the retention — it never scans the recent part.
 */
export class OutboxPruner {
  private readonly logger = new Logger(OutboxPruner.name);
  private readonly chunk: number;
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly options: OutboxPrunerOptions,
  ) {
    this.chunk = options.chunk ?? 5000;
  }

  start(): void {
    if (this.options.retentionMs === 0 || this.timer) return;
    this.timer = setInterval(() => {
      this.running ??= this.prune()
        .catch((error) => this.logger.warn(`outbox pruning failed, retried at the next run: ${(error as Error).message}`))
        .finally(() => (this.running = undefined));
    }, this.options.everyMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Deletes the rows published before `now` minus the retention; returns how many. */
  async prune(now = new Date()): Promise<number> {
    if (this.options.retentionMs === 0) return 0;
    const cutoff = new Date(now.getTime() - this.options.retentionMs);
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
}
