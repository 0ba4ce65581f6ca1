import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a practice says with an outcome: who saw (or was to see) the patient — the SAS
 * supplement is paid to that RPPS, and a structure's slot names no practitioner — and, for
 * a no-show, a coded reason. Earlier outcomes keep their slot's practitioner, as they were
 * reported for it.
 */
export class AppointmentOutcomeDetails1765120000029 implements MigrationInterface {
  name = 'AppointmentOutcomeDetails1765120000029';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE scheduling.appointment ADD COLUMN performing_practitioner_rpps text, ADD COLUMN no_show_reason text`,
    );
    await q.query(`
      UPDATE scheduling.appointment a SET performing_practitioner_rpps = pr.rpps
        FROM scheduling.slot s JOIN scheduling.practitioner pr ON pr.id = s.practitioner_id
       WHERE s.id = a.slot_id AND a.status IN ('honoured', 'no-show')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE scheduling.appointment DROP COLUMN performing_practitioner_rpps, DROP COLUMN no_show_reason`);
  }
}
