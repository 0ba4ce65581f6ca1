import { QueryRunner } from 'typeorm';

/** The schema a migration runs in: the one configured on the service's data source. */
export function schemaOf(runner: QueryRunner): string {
  const schema = (runner.connection.options as { schema?: string }).schema;
  if (!schema) throw new Error('migrations run only on a data source with a schema');
  return `"${schema}"`;
}
