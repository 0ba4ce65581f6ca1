import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a place offers patients the SAS struggles to place: it sees patients under AME or
 * without open rights, it calls on a professional interpreter, and the accessibility it is
 * equipped for (hearing, visual, cognitive; wheelchair access stays `wheelchair_accessible`).
 * Existing places offer none of it until their owner says so.
 */
export class PlaceEquity1765151000030 implements MigrationInterface {
  name = 'PlaceEquity1765151000030';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE scheduling.place
        ADD COLUMN treats_without_cover boolean NOT NULL DEFAULT false,
        ADD COLUMN interpreting boolean NOT NULL DEFAULT false,
        ADD COLUMN accessibility text[] NOT NULL DEFAULT '{}'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE scheduling.place DROP COLUMN treats_without_cover, DROP COLUMN interpreting, DROP COLUMN accessibility`,
    );
  }
}
