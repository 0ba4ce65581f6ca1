import { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sas/persistence';

/**
 * What the steering breakdowns (GET /indicators/breakdowns) and the slot utilisation
 * (GET /indicators/slot-utilisation) need of each fact: the case's channel, age band and
 * reason; the orientation's urgency, mode and booked profession; whether the call (and
 * the consultation's start) fell in the PDSA; a slot's profession. Each is a pure function
 * of one event, so the facts stay idempotent and order-independent. Facts written before
 * this migration lack them until a rebuild (`POST /indicators/rebuild`) replays the topics.
 */
export class BreakdownFacts1765400000030 implements MigrationInterface {
  name = 'BreakdownFacts1765400000030';

  async up(q: QueryRunner): Promise<void> {
    const s = schemaOf(q);
    await q.query(
      `ALTER TABLE ${s}.case_fact ADD COLUMN channel text, ADD COLUMN age_band text, ADD COLUMN reason_category text`,
    );
    await q.query(
      `ALTER TABLE ${s}.orientation_fact ADD COLUMN age_band text, ADD COLUMN reason_category text, ADD COLUMN urgency text,
         ADD COLUMN mode text, ADD COLUMN profession text, ADD COLUMN call_pdsa boolean`,
    );
    await q.query(`ALTER TABLE ${s}.appointment_fact ADD COLUMN start_pdsa boolean`);
    await q.query(`ALTER TABLE ${s}.slot_fact ADD COLUMN profession text`);
    // The utilisation asks, for each slot of the range, whether an appointment holds it.
    await q.query(`CREATE INDEX appointment_fact_slot ON ${s}.appointment_fact (slot_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    const s = schemaOf(q);
    await q.query(`DROP INDEX ${s}.appointment_fact_slot`);
    await q.query(`ALTER TABLE ${s}.slot_fact DROP COLUMN profession`);
    await q.query(`ALTER TABLE ${s}.appointment_fact DROP COLUMN start_pdsa`);
    await q.query(
      `ALTER TABLE ${s}.orientation_fact DROP COLUMN age_band, DROP COLUMN reason_category, DROP COLUMN urgency,
         DROP COLUMN mode, DROP COLUMN profession, DROP COLUMN call_pdsa`,
    );
    await q.query(`ALTER TABLE ${s}.case_fact DROP COLUMN channel, DROP COLUMN age_band, DROP COLUMN reason_category`);
  }
}
