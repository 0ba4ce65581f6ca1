import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { SlotWithdrawn } from '@sas/contracts';
import { OutboxRelay, OutboxWriter } from '@sas/messaging';
import { DataSource } from 'typeorm';
import { slotWithdrawnPayload } from './slot-events';

const BATCH = 1000;

/**
 * Expires free slots whose start has passed (they can no longer be offered) and
 * emits slot-withdrawn (expired) for each, so read models drop them too.
 */
@Injectable()
export class SlotExpiryJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SlotExpiryJob.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly relay: OutboxRelay,
  ) {}

  onApplicationBootstrap(): void {
    const everyMs = Number(process.env.SLOT_EXPIRY_INTERVAL_MS ?? 60_000);
    this.timer = setInterval(() => void this.tick(), everyMs);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Expires what is due, in batches; returns how many slots expired. */
  async expireDue(now = new Date()): Promise<number> {
    let total = 0;
    for (;;) {
      const expired = await this.db.transaction(async (tx) => {
        // UPDATE returns [rows, count] through TypeORM.
        const [rows]: [{ id: string; owner_id: string; practitioner_id: string | null; revision: number }[], number] = await tx.query(
          `UPDATE scheduling.slot SET status = 'expired', revision = revision + 1, updated_at = now()
            WHERE id IN (SELECT id FROM scheduling.slot WHERE status = 'free' AND start_at <= $1 LIMIT $2 FOR UPDATE SKIP LOCKED)
            RETURNING id, owner_id, practitioner_id, revision`,
          [now, BATCH],
        );
        const payloads = rows.map((r) =>
          slotWithdrawnPayload({ id: r.id, ownerId: r.owner_id, practitionerId: r.practitioner_id, revision: r.revision }, 'expired'),
        );
        await this.outbox.appendMany(tx, SlotWithdrawn, payloads);
        return rows.length;
      });
      total += expired;
      if (expired < BATCH) break;
    }
    if (total) this.relay.wake();
    return total;
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = this.expireDue().catch((error) => {
      this.logger.warn(`slot expiry failed: ${(error as Error).message}`);
      return 0;
    });
    await this.running;
    this.running = undefined;
  }
}
