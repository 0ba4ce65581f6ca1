import { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sas/persistence';

/**
 * What the Hub Santé `practitioner` and `regulator` blocks need: the regulator's names and
 * e-mail on the account, the regulator account that oriented a case, and the booked
 * practitioner as scheduling answered the booking. All nullable: existing rows predate them.
 */
export class HubPractitionerRegulator1764870000023 implements MigrationInterface {
  name = 'HubPractitionerRegulator1764870000023';

  async up(q: QueryRunner): Promise<void> {
    const s = schemaOf(q);
    await q.query(`ALTER TABLE ${s}.regulator ADD COLUMN family_name text, ADD COLUMN given_name text, ADD COLUMN email text`);
    await q.query(`ALTER TABLE ${s}.regulation_case ADD COLUMN oriented_by uuid, ADD COLUMN appointment_practitioner jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    const s = schemaOf(q);
    await q.query(`ALTER TABLE ${s}.regulation_case DROP COLUMN appointment_practitioner, DROP COLUMN oriented_by`);
    await q.query(`ALTER TABLE ${s}.regulator DROP COLUMN email, DROP COLUMN given_name, DROP COLUMN family_name`);
  }
}
