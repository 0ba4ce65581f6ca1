import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The regulator's note meant for the practitioner who receives the patient: encrypted like
 * the call-back contact (it may say anything about the patient) and erased with it when the
 * retention is over.
 */
export class PractitionerNote1765120000030 implements MigrationInterface {
  name = 'PractitionerNote1765120000030';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE orientation.regulation_case ADD COLUMN practitioner_note bytea`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE orientation.regulation_case DROP COLUMN practitioner_note`);
  }
}
