import { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sas/persistence';
import { ROLLUP_FAMILIES, rollupTableDdl, WHOLE_TERRITORY } from '../facts/daily-rollup';
import { dropRollupTriggersSql, rollupTriggersSql } from '../facts/daily-rollup-triggers';

/**
 * Each practitioner's weekly appointments in all territories together (the rows of
 * territory `*` in weekly_load_rollup), and the practitioners holding appointments per week
 * and territory (weekly_load_count), so that a region reads a practitioner's week as one row
 * instead of summing a row per territory (a year of weeks for Île-de-France: 0.3 s of the
 * dashboard's 1-second budget). Filled from the territories' wholes already kept.
 */
export class WeeklyLoadWholes1765700000026 implements MigrationInterface {
  name = 'WeeklyLoadWholes1765700000026';

  async up(q: QueryRunner): Promise<void> {
    const s = schemaOf(q);
    const w = WHOLE_TERRITORY;
    for (const statement of dropRollupTriggersSql(s)) await q.query(statement);
    for (const family of Object.values(ROLLUP_FAMILIES)) await q.query(rollupTableDdl(s, family));
    // Idempotent: a database created by the first rollups' migration with this code has them already.
    await q.query(`DELETE FROM ${s}.weekly_load_rollup WHERE territory = '${w}'`);
    await q.query(`TRUNCATE ${s}.weekly_load_count`);
    await q.query(`INSERT INTO ${s}.weekly_load_rollup (grain, period, territory, commune_code, practitioner_id, appointments)
      SELECT grain, period, '${w}', '${w}', practitioner_id, sum(appointments) FROM ${s}.weekly_load_rollup
       WHERE commune_code = '${w}' GROUP BY grain, period, practitioner_id HAVING sum(appointments) <> 0`);
    await q.query(`INSERT INTO ${s}.weekly_load_count (grain, period, territory, practitioners)
      SELECT grain, period, territory, count(*) FROM ${s}.weekly_load_rollup
       WHERE commune_code = '${w}' AND appointments > 0 GROUP BY grain, period, territory`);
    for (const statement of rollupTriggersSql(s)) await q.query(statement);
  }

  // As the rollups' earlier migrations: the trigger functions are built from the code that runs
  // the migration. Going back is a deployment of the previous code and a rebuild.
  down(): Promise<void> {
    return Promise.reject(new Error('irreversible: deploy the previous version and rebuild the indicators'));
  }
}
