import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IntervalJob } from '@sas/platform';
import { readSettings } from '@sas/settings';
import { DataSource } from 'typeorm';
import { lockCase, recordStep, saveCase } from '../cases/case-store';
import { AWAITING_VENDOR, nextState } from '../cases/case-workflow';
import { HAND_OVER_SETTINGS } from '../settings';

/** How long a case waits for the vendor's confirmation of a hand-over (VENDOR_HAND_OVER_TIMEOUT_MS, 20 min). */
export function handOverTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  return readSettings({ VENDOR_HAND_OVER_TIMEOUT_MS: HAND_OVER_SETTINGS.VENDOR_HAND_OVER_TIMEOUT_MS }, env)
    .VENDOR_HAND_OVER_TIMEOUT_MS;
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
    super(HAND_OVER_SETTINGS, 'VENDOR_HAND_OVER_CHECK_INTERVAL_MS');
  }

  protected async run(): Promise<void> {
    const returned = await this.returnDue();
    if (returned) this.logger.log({ msg: 'hand-overs not confirmed in time returned to the regulators', cases: returned });
  }

  async returnDue(now = new Date()): Promise<number> {
    const due: { id: string }[] = await this.db.query(
      `SELECT id FROM orientation.regulation_case WHERE state = $1 AND hand_over_at <= $2 ORDER BY hand_over_at LIMIT 200`,
      [AWAITING_VENDOR, new Date(now.getTime() - this.timeoutMs)],
    );
    let returned = 0;
    for (const { id } of due) {
      await this.db.transaction(async (tx) => {
        const kase = await lockCase(tx, id);
        // Decided again under the lock: the vendor may have confirmed, or the regulator oriented otherwise, meanwhile.
        const change = nextState(kase, {
          type: 'hand-over-timed-out',
          handedOverAt: kase.handOverAt,
          timeoutMs: this.timeoutMs,
          at: now,
        });
        if (!change) return;
        await saveCase(tx, kase, { state: change.state }, now);
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
