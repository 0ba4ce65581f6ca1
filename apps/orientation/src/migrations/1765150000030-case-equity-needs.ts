import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a case needs of a place beyond distance and time, coded (never free text about the
 * patient): the language an interpreter is needed for, accessibility needs, health cover,
 * and the commune the patient is in now (the search starts there instead of at home).
 */
export class CaseEquityNeeds1765150000030 implements MigrationInterface {
  name = 'CaseEquityNeeds1765150000030';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE orientation.regulation_case
        ADD COLUMN language text,
        ADD COLUMN interpreter_needed boolean NOT NULL DEFAULT false,
        ADD COLUMN accessibility_needs text[] NOT NULL DEFAULT '{}',
        ADD COLUMN cover_status text,
        ADD COLUMN current_commune_code text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE orientation.regulation_case
        DROP COLUMN language, DROP COLUMN interpreter_needed, DROP COLUMN accessibility_needs,
        DROP COLUMN cover_status, DROP COLUMN current_commune_code`);
  }
}
