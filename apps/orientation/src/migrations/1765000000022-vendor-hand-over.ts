import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A case handed over to a vendor's booking page: when (the time-out counts from it) and the
 * page the regulator was given (shown again with the case). The slot is `appointment_slot_id`.
 */
export class VendorHandOver1765000000022 implements MigrationInterface {
  name = 'VendorHandOver1765000000022';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE orientation.regulation_case ADD COLUMN hand_over_at timestamptz, ADD COLUMN hand_over_url text`);
    await q.query(
      `CREATE INDEX regulation_case_awaiting_vendor ON orientation.regulation_case (hand_over_at) WHERE state = 'awaiting-vendor-confirmation'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX orientation.regulation_case_awaiting_vendor`);
    await q.query(`ALTER TABLE orientation.regulation_case DROP COLUMN hand_over_at, DROP COLUMN hand_over_url`);
  }
}
