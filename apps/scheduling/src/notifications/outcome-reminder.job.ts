import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IntervalJob } from '@sas/platform';
import { ServiceSettings } from '@sas/settings';
import { DataSource } from 'typeorm';
import { WEBHOOK_SETTINGS } from '../settings';
import { slotFacts } from './appointment-notices';
import { OUTCOME_MISSING } from './webhook-catalogue';
import { dispatchNotice } from './webhook-dispatcher';

const BATCH = 200;

/**
 * Reminds practices of their booked appointments that ended more than
 * WEBHOOK_OUTCOME_REMINDER_AFTER_MS ago without an outcome (honoured or no-show): the
 * no-show rate and the practitioners' SAS payments depend on it. Once per appointment: the
 * reminder row and its deliveries commit together, whether or not an endpoint listens.
 */
@Injectable()
export class OutcomeReminderJob extends IntervalJob {
  private readonly afterMs: number;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    settings: ServiceSettings,
  ) {
    super(WEBHOOK_SETTINGS, 'WEBHOOK_OUTCOME_REMINDER_INTERVAL_MS');
    this.afterMs = settings.of(WEBHOOK_SETTINGS).WEBHOOK_OUTCOME_REMINDER_AFTER_MS;
  }

  protected async run(): Promise<void> {
    await this.remindDue();
  }

  /** Reminds what is due, in batches; returns how many appointments were reminded. */
  async remindDue(now = new Date()): Promise<number> {
    let total = 0;
    for (;;) {
      const reminded = await this.db.transaction(async (tx) => {
        const due: { id: string; slot_id: string; mode: string; booked_at: Date }[] = await tx.query(
          `SELECT a.id, a.slot_id, a.mode, a.booked_at FROM scheduling.appointment a JOIN scheduling.slot s ON s.id = a.slot_id
            WHERE a.status = 'booked' AND s.end_at < $1
              AND NOT EXISTS (SELECT 1 FROM scheduling.outcome_reminder r WHERE r.appointment_id = a.id)
            ORDER BY s.end_at LIMIT $2 FOR UPDATE OF a SKIP LOCKED`,
          [new Date(now.getTime() - this.afterMs), BATCH],
        );
        for (const appointment of due) {
          await tx.query(`INSERT INTO scheduling.outcome_reminder (appointment_id, reminded_at) VALUES ($1, $2)`, [
            appointment.id,
            now,
          ]);
          const slot = await slotFacts(tx, appointment.slot_id);
          if (!slot) continue;
          // Owed from now (the real clock): `now` only says which appointments are due.
          await dispatchNotice(tx, {
            type: OUTCOME_MISSING,
            owners: [slot.owner],
            cause: `outcome-missing:${appointment.id}`,
            at: now.toISOString(),
            data: {
              appointmentId: appointment.id,
              ...slot.data,
              mode: appointment.mode,
              bookedAt: appointment.booked_at.toISOString(),
              outcomes: ['honoured', 'no-show'],
            },
          });
        }
        return due.length;
      });
      total += reminded;
      if (reminded < BATCH) break;
    }
    return total;
  }
}
