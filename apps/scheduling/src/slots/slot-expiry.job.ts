import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { SlotWithdrawn } from '@sas/contracts';
import { OutboxRelay, OutboxWriter } from '@sas/messaging';
import { IntervalJob } from '@sas/platform';
import { OPENING_RULE_SETTINGS } from '../settings';
import { DataSource } from 'typeorm';
import { withdrawnRowsPayloads } from './slot-events';
import { slotGuardSql, slotTransitionSetSql, withdrawalReasonOf } from './slot-transitions';

const BATCH = 1000;

/**
 * Expires free slots whose start has passed (they can no longer be offered) and
 * emits slot-withdrawn (expired) for each, so read models drop them too.
 */
@Injectable()
export class SlotExpiryJob extends IntervalJob {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly relay: OutboxRelay,
  ) {
    super(OPENING_RULE_SETTINGS, 'SLOT_EXPIRY_INTERVAL_MS');
  }

  protected async run(): Promise<void> {
    await this.expireDue();
  }

  /** Expires what is due, in batches; returns how many slots expired. */
  async expireDue(now = new Date()): Promise<number> {
    let total = 0;
    for (;;) {
      const expired = await this.relay.inTransaction(async (tx) => {
        // UPDATE returns [rows, count] through TypeORM.
        const [rows]: [{ id: string; owner_id: string; practitioner_id: string | null; revision: number }[], number] =
          await tx.query(
            `UPDATE scheduling.slot SET ${slotTransitionSetSql('expire')}
            WHERE id IN (SELECT id FROM scheduling.slot WHERE ${slotGuardSql('expire', '$1')} LIMIT $2 FOR UPDATE SKIP LOCKED)
            RETURNING id, owner_id, practitioner_id, revision`,
            [now, BATCH],
          );
        const payloads = withdrawnRowsPayloads(rows, withdrawalReasonOf('expire'));
        await this.outbox.appendMany(tx, SlotWithdrawn, payloads);
        return rows.length;
      });
      total += expired;
      if (expired < BATCH) break;
    }
    return total;
  }
}
