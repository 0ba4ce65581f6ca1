import { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sas/persistence';
import { fillWholesAndCounts } from './rollup-wholes-fill';

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
    await fillWholesAndCounts(q, schemaOf(q), {
      rollup: 'snp_publisher_rollup',
      count: 'snp_publisher_count',
      subject: 'publisher',
      measure: 'snp_slots',
      counted: 'publishers',
    });
  }

  // As the rollups' earlier migration: the trigger functions are built from the code that runs
  // the migration. Going back is a deployment of the previous code and a rebuild.
  down(): Promise<void> {
    return Promise.reject(new Error('irreversible: deploy the previous version and rebuild the indicators'));
  }
}
