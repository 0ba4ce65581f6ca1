import { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sas/persistence';

/**
 * Indexes for the time ranges the figures read that had none: appointments by their start
 * (the weekly load per practitioner) and orientations by territory and call (the delays).
 * Without them each request scanned the whole year of facts (measured by bench:dashboard).
 */
export class FactTimeIndexes1763800026000 implements MigrationInterface {
  name = 'FactTimeIndexes1763800026000';

  async up(q: QueryRunner): Promise<void> {
    const s = schemaOf(q);
    await q.query(`CREATE INDEX appointment_fact_start ON ${s}.appointment_fact (start_at)`);
    await q.query(`CREATE INDEX orientation_fact_call ON ${s}.orientation_fact (territory, call_received_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    const s = schemaOf(q);
    await q.query(`DROP INDEX ${s}.orientation_fact_call`);
    await q.query(`DROP INDEX ${s}.appointment_fact_start`);
  }
}
