import { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sas/persistence';
import { fillWholesAndCounts } from './rollup-wholes-fill';

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
    await fillWholesAndCounts(q, schemaOf(q), {
      rollup: 'weekly_load_rollup',
      count: 'weekly_load_count',
      subject: 'practitioner_id',
      measure: 'appointments',
      counted: 'practitioners',
    });
  }

  // As the rollups' earlier migrations: the trigger functions are built from the code that runs
  // the migration. Going back is a deployment of the previous code and a rebuild.
  down(): Promise<void> {
    return Promise.reject(new Error('irreversible: deploy the previous version and rebuild the indicators'));
  }
}
