/** Where the service's database lives. DATABASE_URL selects an external server. */
export interface DatabaseConfig {
  url: string;
  /** The PostgreSQL schema this service owns; no service reads another's tables. */
  schema: string;
  poolSize: number;
}

export const DEFAULT_DATABASE_URL = 'postgres://sas:sas@localhost:5433/sas';

/** Reads the database settings of one service from the environment. */
export function databaseConfigFromEnv(schema: string, env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  const poolSize = Number(env.DATABASE_POOL_SIZE ?? 10);
  if (!Number.isInteger(poolSize) || poolSize < 1) throw new Error(`DATABASE_POOL_SIZE must be a positive integer, got ${env.DATABASE_POOL_SIZE}`);
  return { url: env.DATABASE_URL ?? DEFAULT_DATABASE_URL, schema, poolSize };
}
