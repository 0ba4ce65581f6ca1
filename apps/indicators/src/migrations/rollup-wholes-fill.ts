import { QueryRunner } from 'typeorm';
import { ROLLUP_FAMILIES, rollupTableDdl, WHOLE_TERRITORY } from '../facts/daily-rollup';
import { dropRollupTriggersSql, rollupTriggersSql } from '../facts/daily-rollup-triggers';

/** A rollup whose rows per subject (a publisher, a practitioner) get wholes of all territories and counts per territory. */
export interface WholesAndCounts {
  rollup: string;
  count: string;
  subject: string;
  measure: string;
  counted: string;
}

/**
 * Rebuilds the rollup tables and triggers from the code that runs the migration, and fills a
 * rollup's rows of territory `*` (each subject's sum over its territories' wholes) and its
 * count table (the subjects with a positive measure per period and territory) from the rows
 * already kept, not from the facts. Idempotent: a database whose first rollups' migration ran
 * with this code has them already.
 */
export async function fillWholesAndCounts(q: QueryRunner, s: string, f: WholesAndCounts): Promise<void> {
  const w = WHOLE_TERRITORY;
  for (const statement of dropRollupTriggersSql(s)) await q.query(statement);
  for (const family of Object.values(ROLLUP_FAMILIES)) await q.query(rollupTableDdl(s, family));
  await q.query(`DELETE FROM ${s}.${f.rollup} WHERE territory = '${w}'`);
  await q.query(`TRUNCATE ${s}.${f.count}`);
  await q.query(`INSERT INTO ${s}.${f.rollup} (grain, period, territory, commune_code, ${f.subject}, ${f.measure})
    SELECT grain, period, '${w}', '${w}', ${f.subject}, sum(${f.measure}) FROM ${s}.${f.rollup}
     WHERE commune_code = '${w}' GROUP BY grain, period, ${f.subject} HAVING sum(${f.measure}) <> 0`);
  await q.query(`INSERT INTO ${s}.${f.count} (grain, period, territory, ${f.counted})
    SELECT grain, period, territory, count(*) FROM ${s}.${f.rollup}
     WHERE commune_code = '${w}' AND ${f.measure} > 0 GROUP BY grain, period, territory`);
  for (const statement of rollupTriggersSql(s)) await q.query(statement);
}
