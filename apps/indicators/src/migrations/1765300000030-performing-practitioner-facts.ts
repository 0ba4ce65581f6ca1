import { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sas/persistence';

/**
 * What the payment export (GET /indicators/payments) needs of each consultation: who
 * performed it (the RPPS the outcome event names), in which slot (whose practitioner's
 * RPPS and structure's FINESS the slot facts keep, for events that name no performer) and
 * in which mode (the video share). Facts written before this migration lack them until a
 * rebuild (`POST /indicators/rebuild`) replays the topics.
 */
export class PerformingPractitionerFacts1765300000030 implements MigrationInterface {
  name = 'PerformingPractitionerFacts1765300000030';

  async up(q: QueryRunner): Promise<void> {
    const s = schemaOf(q);
    await q.query(
      `ALTER TABLE ${s}.appointment_fact ADD COLUMN slot_id uuid, ADD COLUMN mode text, ADD COLUMN performing_rpps text`,
    );
    await q.query(`ALTER TABLE ${s}.slot_fact ADD COLUMN practitioner_rpps text, ADD COLUMN structure_finess text`);
    // The export reads a month of honoured consultations (and the ISO weeks around it).
    await q.query(`CREATE INDEX appointment_fact_honoured ON ${s}.appointment_fact (start_at) WHERE honoured_at IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    const s = schemaOf(q);
    await q.query(`DROP INDEX ${s}.appointment_fact_honoured`);
    await q.query(`ALTER TABLE ${s}.slot_fact DROP COLUMN practitioner_rpps, DROP COLUMN structure_finess`);
    await q.query(`ALTER TABLE ${s}.appointment_fact DROP COLUMN slot_id, DROP COLUMN mode, DROP COLUMN performing_rpps`);
  }
}
