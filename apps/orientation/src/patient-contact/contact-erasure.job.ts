import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IntervalJob } from '@sas/platform';
import { readSettings } from '@sas/settings';
import { DataSource } from 'typeorm';
import { PATIENT_CONTACT_SETTINGS } from '../settings';

/** How long patient contact details are kept after the call (PATIENT_CONTACT_RETENTION_DAYS). */
export function contactRetentionMs(env: NodeJS.ProcessEnv = process.env): number {
  return (
    readSettings({ PATIENT_CONTACT_RETENTION_DAYS: PATIENT_CONTACT_SETTINGS.PATIENT_CONTACT_RETENTION_DAYS }, env)
      .PATIENT_CONTACT_RETENTION_DAYS * 86400_000
  );
}

/** Erases patient contact details and notes for the practitioner whose retention is over (hourly by default). */
@Injectable()
export class ContactErasureJob extends IntervalJob {
  constructor(@InjectDataSource() private readonly db: DataSource) {
    super(PATIENT_CONTACT_SETTINGS, 'CONTACT_ERASURE_INTERVAL_MS');
  }

  protected async run(): Promise<void> {
    const erased = await this.eraseDue();
    if (erased) this.logger.log({ msg: 'patient contact details erased after retention', cases: erased });
  }

  /** Erases what is due; returns how many cases lost their contact details. */
  async eraseDue(now = new Date()): Promise<number> {
    const [, count]: [unknown, number] = await this.db.query(
      `UPDATE orientation.regulation_case SET patient_contact = NULL, practitioner_note = NULL, contact_erase_after = NULL
        WHERE (patient_contact IS NOT NULL OR practitioner_note IS NOT NULL) AND contact_erase_after <= $1`,
      [now],
    );
    return count;
  }
}
