import { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sas/persistence';

export class EventCountTable1763800000002 implements MigrationInterface {
  name = 'EventCountTable1763800000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ${schemaOf(q)}.event_count (
        event_type text NOT NULL,
        day date NOT NULL,
        count bigint NOT NULL,
        PRIMARY KEY (event_type, day)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ${schemaOf(q)}.event_count`);
  }
}
