import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where and how scheduling pulls a vendor's availability: its FHIR endpoint (base URL,
 * flows, how to authenticate — names of files or variables, never a secret itself — and
 * polling limits), and when it last confirmed its slots (the staleness clock survives a restart).
 */
export class VendorEndpoints1764900000021 implements MigrationInterface {
  name = 'VendorEndpoints1764900000021';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE scheduling.vendor ADD COLUMN endpoint jsonb, ADD COLUMN last_confirmed_at timestamptz`);
    // When a pull last confirmed each practitioner's slots: the staleness clock, per practitioner,
    // so one practitioner's bad answer does not age the others'.
    await q.query(`
      CREATE TABLE scheduling.vendor_confirmation (
        vendor_id text NOT NULL REFERENCES scheduling.vendor (id) ON DELETE CASCADE,
        rpps text NOT NULL,
        confirmed_at timestamptz NOT NULL,
        PRIMARY KEY (vendor_id, rpps)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE scheduling.vendor_confirmation`);
    await q.query(`ALTER TABLE scheduling.vendor DROP COLUMN endpoint, DROP COLUMN last_confirmed_at`);
  }
}
