import { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sas/persistence';

/**
 * Facts distilled from the event streams, one row per slot, appointment, case and
 * orientation. Every column is set by an idempotent, order-independent rule (latest
 * revision or latest time wins; a timestamp once set stays), so duplicates and events
 * arriving out of order give the same rows. Indicators are queries over these rows.
 */
export class IndicatorFacts1763800000003 implements MigrationInterface {
  name = 'IndicatorFacts1763800000003';

  async up(q: QueryRunner): Promise<void> {
    const s = schemaOf(q);
    await q.query(`
      CREATE TABLE ${s}.slot_fact (
        slot_id uuid PRIMARY KEY,
        owner_id uuid NOT NULL,
        practitioner_id uuid,
        structure_id uuid,
        commune_code text,
        departement text,
        start_at timestamptz,
        end_at timestamptz,
        snp boolean,
        walk_in boolean,
        state_revision integer NOT NULL DEFAULT 0,
        withdrawn_reason text,
        withdrawn_revision integer NOT NULL DEFAULT 0
      )`);
    await q.query(`CREATE INDEX slot_fact_start ON ${s}.slot_fact (departement, start_at)`);
    await q.query(`
      CREATE TABLE ${s}.case_fact (
        case_id uuid PRIMARY KEY,
        territory text NOT NULL,
        commune_code text,
        call_received_at timestamptz,
        consultation_needed boolean,
        assessed_at timestamptz
      )`);
    await q.query(`CREATE INDEX case_fact_call ON ${s}.case_fact (territory, call_received_at)`);
    await q.query(`
      CREATE TABLE ${s}.appointment_fact (
        appointment_id uuid PRIMARY KEY,
        case_id uuid,
        practitioner_id uuid,
        structure_id uuid,
        commune_code text,
        departement text,
        start_at timestamptz,
        placed_at timestamptz,
        booked_at timestamptz,
        cancelled_at timestamptz,
        honoured_at timestamptz,
        no_show_at timestamptz
      )`);
    await q.query(`CREATE INDEX appointment_fact_booked ON ${s}.appointment_fact (booked_at)`);
    await q.query(`CREATE INDEX appointment_fact_case ON ${s}.appointment_fact (case_id)`);
    await q.query(`
      CREATE TABLE ${s}.orientation_fact (
        case_id uuid NOT NULL,
        oriented_at timestamptz NOT NULL,
        territory text NOT NULL,
        commune_code text NOT NULL,
        call_received_at timestamptz NOT NULL,
        outcome text NOT NULL,
        reorientation boolean NOT NULL,
        delay_minutes integer,
        practitioner_id uuid,
        structure_id uuid,
        PRIMARY KEY (case_id, oriented_at)
      )`);
    await q.query(`CREATE INDEX orientation_fact_time ON ${s}.orientation_fact (territory, oriented_at)`);
    // What was last published for each closed day, to publish corrections when late events change it.
    await q.query(`
      CREATE TABLE ${s}.day_publication (
        territory text NOT NULL,
        day date NOT NULL,
        figures jsonb NOT NULL,
        published_at timestamptz NOT NULL,
        PRIMARY KEY (territory, day)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    const s = schemaOf(q);
    for (const t of ['day_publication', 'orientation_fact', 'appointment_fact', 'case_fact', 'slot_fact'])
      await q.query(`DROP TABLE ${s}.${t}`);
  }
}
