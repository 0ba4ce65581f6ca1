import { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sas/persistence';
import { ROLLUP_FAMILIES, rollupTableDdl, WHOLE_TERRITORY } from '../facts/daily-rollup';
import { dropRollupTriggersSql, rollupTriggersSql } from '../facts/daily-rollup-triggers';

/**
 * SNP publishers counted per period and territory, and in all territories together
 * (snp_publisher_count, and the publishers' rows of territory `*`), so that a region or a
 * territory reads a row per period instead of a row per publisher and a distinct count.
 * Filled from the publishers' rollup rows already kept (their territories' wholes), not from
 * the slot facts: at full scale (8.8 million slot facts) that is a few seconds, not an hour.
 */
export class PublisherCounts1765500000026 implements MigrationInterface {
  name = 'PublisherCounts1765500000026';

  async up(q: QueryRunner): Promise<void> {
    const s = schemaOf(q);
    const w = WHOLE_TERRITORY;
    for (const statement of dropRollupTriggersSql(s)) await q.query(statement);
    for (const family of Object.values(ROLLUP_FAMILIES)) await q.query(rollupTableDdl(s, family));
    // Idempotent: a database created by the first rollups' migration with this code has them already.
    await q.query(`DELETE FROM ${s}.snp_publisher_rollup WHERE territory = '${w}'`);
    await q.query(`TRUNCATE ${s}.snp_publisher_count`);
    await q.query(`INSERT INTO ${s}.snp_publisher_rollup (grain, period, territory, commune_code, publisher, snp_slots)
      SELECT grain, period, '${w}', '${w}', publisher, sum(snp_slots) FROM ${s}.snp_publisher_rollup
       WHERE commune_code = '${w}' GROUP BY grain, period, publisher HAVING sum(snp_slots) <> 0`);
    await q.query(`INSERT INTO ${s}.snp_publisher_count (grain, period, territory, publishers)
      SELECT grain, period, territory, count(*) FROM ${s}.snp_publisher_rollup
       WHERE commune_code = '${w}' AND snp_slots > 0 GROUP BY grain, period, territory`);
    for (const statement of rollupTriggersSql(s)) await q.query(statement);
  }

  // As the rollups' earlier migration: the trigger functions are built from the code that runs
  // the migration. Going back is a deployment of the previous code and a rebuild.
  down(): Promise<void> {
    return Promise.reject(new Error('irreversible: deploy the previous version and rebuild the indicators'));
  }
}
