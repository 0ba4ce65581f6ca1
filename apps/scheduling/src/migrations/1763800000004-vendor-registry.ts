import { MigrationInterface, QueryRunner } from 'typeorm';

/** Agenda vendors and the practitioners (RPPS) and structures they may push availability for. */
export class VendorRegistry1763800000004 implements MigrationInterface {
  name = 'VendorRegistry1763800000004';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE scheduling.vendor (
        id text PRIMARY KEY,
        name text NOT NULL,
        practitioner_rpps text[] NOT NULL DEFAULT '{}',
        structure_ids text[] NOT NULL DEFAULT '{}',
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE scheduling.vendor`);
  }
}
