import { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sas/persistence';
import { refillRollups, ROLLUP_FAMILIES, rollupTableDdl } from '../facts/daily-rollup';
import { dropRollupTriggersSql, rollupTriggersSql } from '../facts/daily-rollup-triggers';

/**
 * Each territory's whole kept beside its communes (commune `*`), and the delays counted per
 * hour and minute by territory: a region or a territory then reads a row per period and
 * the delays' percentiles without the orientation facts (measured by bench:dashboard).
 * The trigger functions are recreated from today's definitions and every rollup refilled.
 */
export class TerritoryWholesAndDelayRollups1765200000026 implements MigrationInterface {
  name = 'TerritoryWholesAndDelayRollups1765200000026';

  async up(q: QueryRunner): Promise<void> {
    const s = schemaOf(q);
    for (const statement of dropRollupTriggersSql(s)) await q.query(statement);
    for (const family of Object.values(ROLLUP_FAMILIES)) await q.query(rollupTableDdl(s, family));
    for (const statement of rollupTriggersSql(s)) await q.query(statement);
    for (const statement of refillRollups(s)) await q.query(statement);
  }

  // The trigger functions are built from the code that runs the migration: the code before this
  // one cannot be rebuilt from here. Going back is a deployment of that code and a rebuild
  // (`POST /indicators/rebuild`), which recreates the rollups from the facts.
  down(): Promise<void> {
    return Promise.reject(new Error('irreversible: deploy the previous version and rebuild the indicators'));
  }
}
