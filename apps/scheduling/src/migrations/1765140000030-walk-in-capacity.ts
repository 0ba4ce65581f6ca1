import { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sas/persistence';

/**
 * Walk-in openings with a capacity: a slot may take several bookings (`capacity`), counted
 * in `taken` under the slot's row lock. The one-live-appointment-per-slot index keeps
 * guarding every other slot; a shared slot's bound is the CHECK on `taken`.
 */
export class WalkInCapacity1765140000030 implements MigrationInterface {
  name = 'WalkInCapacity1765140000030';

  async up(q: QueryRunner): Promise<void> {
    const s = schemaOf(q);
    await q.query(`ALTER TABLE ${s}.slot ADD COLUMN capacity int, ADD COLUMN taken int NOT NULL DEFAULT 0`);
    await q.query(
      `ALTER TABLE ${s}.slot ADD CONSTRAINT slot_capacity_bounds CHECK (
         (capacity IS NULL AND taken = 0) OR (capacity BETWEEN 2 AND 500 AND taken BETWEEN 0 AND capacity))`,
    );
    await q.query(`ALTER TABLE ${s}.appointment ADD COLUMN shares_slot boolean NOT NULL DEFAULT false`);
    await q.query(`DROP INDEX ${s}.appointment_one_per_slot`);
    await q.query(
      `CREATE UNIQUE INDEX appointment_one_per_slot ON ${s}.appointment (slot_id)
        WHERE status IN ('booked', 'honoured', 'no-show') AND NOT shares_slot`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    const s = schemaOf(q);
    await q.query(`DROP INDEX ${s}.appointment_one_per_slot`);
    await q.query(`ALTER TABLE ${s}.appointment DROP COLUMN shares_slot`);
    await q.query(
      `CREATE UNIQUE INDEX appointment_one_per_slot ON ${s}.appointment (slot_id) WHERE status IN ('booked', 'honoured', 'no-show')`,
    );
    await q.query(`ALTER TABLE ${s}.slot DROP CONSTRAINT slot_capacity_bounds, DROP COLUMN taken, DROP COLUMN capacity`);
  }
}
