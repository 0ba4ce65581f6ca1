import { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sas/persistence';
import { refillRollups, ROLLUP_FAMILIES, ROLLUP_TABLES, rollupTableDdl } from '../facts/daily-rollup';
import { dropRollupTriggersSql, rollupTriggersSql } from '../facts/daily-rollup-triggers';

/**
 * Daily rollups of the facts (see facts/daily-rollup.ts), the triggers that keep them, and
 * their first fill from the facts already there. The figures read them for whole days:
 * a year of figures no longer aggregates a year of fact rows per request.
 */
export class DailyRollups1764900000026 implements MigrationInterface {
  name = 'DailyRollups1764900000026';

  async up(q: QueryRunner): Promise<void> {
    const s = schemaOf(q);
    for (const family of Object.values(ROLLUP_FAMILIES)) await q.query(rollupTableDdl(s, family));
    for (const statement of rollupTriggersSql(s)) await q.query(statement);
    for (const statement of refillRollups(s)) await q.query(statement);
  }

  async down(q: QueryRunner): Promise<void> {
    const s = schemaOf(q);
    for (const statement of dropRollupTriggersSql(s)) await q.query(statement);
    for (const table of ROLLUP_TABLES) await q.query(`DROP TABLE ${s}.${table}`);
  }
}
