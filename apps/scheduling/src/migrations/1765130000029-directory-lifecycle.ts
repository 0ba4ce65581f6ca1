import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The directory's lifecycle: a place's phone numbers and its own beyond-slots acceptance;
 * a revision on places and practitioners (their update events carry it, so that matching
 * keeps the latest whatever the order it reads them in); and retirement, which keeps the
 * record (its past slots and appointments refer to it) but closes it to new slots.
 */
export class DirectoryLifecycle1765130000029 implements MigrationInterface {
  name = 'DirectoryLifecycle1765130000029';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE scheduling.place
        ADD COLUMN phone text,
        ADD COLUMN regulator_phone text,
        ADD COLUMN accepts_beyond_slots boolean,
        ADD COLUMN revision int NOT NULL DEFAULT 1,
        ADD COLUMN retired_at timestamptz`);
    await q.query(`
      ALTER TABLE scheduling.practitioner
        ADD COLUMN revision int NOT NULL DEFAULT 1,
        ADD COLUMN retired_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE scheduling.practitioner DROP COLUMN retired_at, DROP COLUMN revision`);
    await q.query(`
      ALTER TABLE scheduling.place DROP COLUMN retired_at, DROP COLUMN revision, DROP COLUMN accepts_beyond_slots,
        DROP COLUMN regulator_phone, DROP COLUMN phone`);
  }
}
