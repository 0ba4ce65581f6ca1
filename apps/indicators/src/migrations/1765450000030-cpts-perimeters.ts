import { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sas/persistence';

/**
 * The CPTS perimeters learnt from cpts-registered: a CPTS is read as a territory, the sum
 * of its communes. The latest registration wins (registered_at), whatever the order.
 */
export class CptsPerimeters1765450000030 implements MigrationInterface {
  name = 'CptsPerimeters1765450000030';

  async up(q: QueryRunner): Promise<void> {
    const s = schemaOf(q);
    await q.query(`
      CREATE TABLE ${s}.cpts_perimeter (
        id text PRIMARY KEY,
        name text NOT NULL,
        communes text[] NOT NULL,
        registered_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ${schemaOf(q)}.cpts_perimeter`);
  }
}
