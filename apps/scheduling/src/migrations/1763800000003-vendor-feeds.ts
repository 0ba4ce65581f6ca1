import { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sas/persistence';

/** Slots and places pushed by agenda vendors, known by the vendor's own identifiers. */
export class VendorFeeds1763800000003 implements MigrationInterface {
  name = 'VendorFeeds1763800000003';

  async up(q: QueryRunner): Promise<void> {
    const s = schemaOf(q);
    await q.query(`ALTER TABLE ${s}.slot ADD COLUMN vendor text, ADD COLUMN external_id text`);
    await q.query(`CREATE UNIQUE INDEX slot_vendor_external ON ${s}.slot (vendor, external_id) WHERE vendor IS NOT NULL`);
    await q.query(`ALTER TABLE ${s}.place ADD COLUMN vendor text, ADD COLUMN vendor_key text`);
    await q.query(
      `CREATE UNIQUE INDEX place_vendor_key ON ${s}.place (vendor, practitioner_id, vendor_key) WHERE vendor IS NOT NULL`,
    );
    await q.query(`CREATE INDEX slot_practitioner_status_start ON ${s}.slot (practitioner_id, status, start_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    const s = schemaOf(q);
    await q.query(`DROP INDEX ${s}.slot_practitioner_status_start`);
    await q.query(`ALTER TABLE ${s}.place DROP COLUMN vendor, DROP COLUMN vendor_key`);
    await q.query(`ALTER TABLE ${s}.slot DROP COLUMN vendor, DROP COLUMN external_id`);
  }
}
