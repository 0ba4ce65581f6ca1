import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IntervalJob } from '@sas/platform';
import { ServiceSettings } from '@sas/settings';
import { DataSource } from 'typeorm';
import { WEBHOOK_SETTINGS } from '../settings';

const BATCH = 1000;

/**
 * Deletes the webhook deliveries settled (delivered, or failed after the retry window) more
 * than WEBHOOK_DELIVERY_RETENTION_DAYS ago, with their attempts: the delivery log a practice
 * reads (`GET /webhooks/:id/deliveries`) is for recent troubleshooting, and without pruning
 * the table would grow by every booking of the region. Pending deliveries are never pruned.
 * In batches, so that a first run over a long backlog holds no long lock.
 */
@Injectable()
export class WebhookPruningJob extends IntervalJob {
  private readonly retentionMs: number;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    settings: ServiceSettings,
  ) {
    super(WEBHOOK_SETTINGS, 'WEBHOOK_PRUNE_INTERVAL_MS');
    this.retentionMs = settings.of(WEBHOOK_SETTINGS).WEBHOOK_DELIVERY_RETENTION_DAYS * 86400_000;
  }

  protected async run(): Promise<void> {
    const pruned = await this.pruneDue();
    if (pruned) this.logger.log({ msg: 'settled webhook deliveries pruned after retention', deliveries: pruned });
  }

  /** Prunes what is due; returns how many deliveries were deleted. */
  async pruneDue(now = new Date()): Promise<number> {
    const before = new Date(now.getTime() - this.retentionMs);
    let total = 0;
    for (;;) {
      const [, deleted]: [unknown, number] = await this.db.query(
        `DELETE FROM scheduling.webhook_delivery WHERE id IN (
           SELECT id FROM scheduling.webhook_delivery WHERE state <> 'pending' AND created_at < $1
            ORDER BY created_at LIMIT $2)`,
        [before, BATCH],
      );
      total += deleted;
      if (deleted < BATCH) return total;
    }
  }
}
