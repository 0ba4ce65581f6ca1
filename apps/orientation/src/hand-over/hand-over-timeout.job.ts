import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IntervalJob } from '@sas/platform';
import { DataSource } from 'typeorm';
import { lockCase, recordStep, saveCase } from '../cases/case-store';
import { HAND_OVER_STATES, handOverTimedOut } from '../cases/case-workflow';

/** How long a case waits for the vendor's confirmation of a hand-over (VENDOR_HAND_OVER_TIMEOUT_MS, 20 min). */
export function handOverTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.VENDOR_HAND_OVER_TIMEOUT_MS;
  if (raw === undefined || raw === '') return 20 * 60_000;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`VENDOR_HAND_OVER_TIMEOUT_MS must be a positive number of milliseconds, got ${raw}`);
  return value;
}

/**
 * Returns to the regulator (`reorientation-needed`) the cases whose hand-over the vendor
 * did not confirm in time, every VENDOR_HAND_OVER_CHECK_INTERVAL_MS (10 s). The handed-over
 * slot is kept on the case, so a late confirmation still attaches.
 */
@Injectable()
export class HandOverTimeoutJob extends IntervalJob {
  private readonly timeoutMs = handOverTimeoutMs();

  constructor(@InjectDataSource() private readonly db: DataSource) {
    super(10_000, 'VENDOR_HAND_OVER_CHECK_INTERVAL_MS');
  }

  protected async run(): Promise<void> {
    const returned = await this.returnDue();
    if (returned) this.logger.log({ msg: 'hand-overs not confirmed in time returned to the regulators', cases: returned });
  }

  async returnDue(now = new Date()): Promise<number> {
    const due: { id: string }[] = await this.db.query(
      `SELECT id FROM orientation.regulation_case WHERE state = $1 AND hand_over_at <= $2 ORDER BY hand_over_at LIMIT 200`,
      [HAND_OVER_STATES.waiting, new Date(now.getTime() - this.timeoutMs)],
    );
    let returned = 0;
    for (const { id } of due) {
      await this.db.transaction(async (tx) => {
        const kase = await lockCase(tx, id);
        // Checked again under the lock: the vendor may have confirmed, or the regulator oriented otherwise, meanwhile.
        if (!handOverTimedOut(kase, kase.handOverAt, this.timeoutMs, now)) return;
        await saveCase(tx, kase, { state: HAND_OVER_STATES.timedOut }, now);
        await recordStep(tx, {
          caseId: id,
          step: 'vendor-hand-over-timed-out',
          actorId: null,
          actorRole: 'orientation',
          details: { slotId: kase.appointmentSlotId, timeoutMs: this.timeoutMs },
          at: now,
        });
        returned++;
      });
    }
    return returned;
  }
}
