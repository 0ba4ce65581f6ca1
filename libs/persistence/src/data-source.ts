import { traceQueries } from '@sas/telemetry';
import { DataSource, DataSourceOptions, EntitySchema, MixedList } from 'typeorm';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';

// Every query a service makes inside a traced request or event becomes a span of its trace.
traceQueries(
  PostgresQueryRunner.prototype as never,
  (runner) => (runner as { connection?: { options?: { schema?: string } } }).connection?.options?.schema,
);
import { DatabaseConfig } from './database-config';

export interface ServiceDataSourceOptions {
  config: DatabaseConfig;
  entities: MixedList<Function | string | EntitySchema>;
  /** Migration classes, listed explicitly (no globbing): the build must not decide the schema. */
  migrations: Function[];
}

/** TypeORM options of one service: its own schema, migrations only, never synchronize. */
export function serviceDataSourceOptions({ config, entities, migrations }: ServiceDataSourceOptions): DataSourceOptions {
  return {
    type: 'postgres',
    url: config.url,
    schema: config.schema,
    entities,
    migrations,
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    extra: { max: config.poolSize, application_name: `sas-${config.schema}` },
  };
}

/**
 * Connects, creates the service's schema if needed and runs pending migrations under
 * an advisory lock, so that replicas starting together migrate once.
 */
export async function initializeServiceDataSource(dataSource: DataSource): Promise<DataSource> {
  if (!dataSource.isInitialized) await dataSource.initialize();
  const schema = (dataSource.options as { schema?: string }).schema;
  if (!schema) throw new Error('a service data source needs a schema');
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    await runner.query('SELECT pg_advisory_lock(hashtext($1))', [`migrations:${schema}`]);
    try {
      await runner.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      await dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [`migrations:${schema}`]);
    }
  } finally {
    await runner.release();
  }
  return dataSource;
}
