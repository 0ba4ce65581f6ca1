import { readSettings } from '@sas/settings';
import { DATABASE_SETTINGS, DEFAULT_DATABASE_URL } from './database-settings';

export { DEFAULT_DATABASE_URL };

/** Where the service's database lives. DATABASE_URL selects an external server. */
export interface DatabaseConfig {
  url: string;
  /** The PostgreSQL schema this service owns; no service reads another's tables. */
  schema: string;
  poolSize: number;
}

/** Reads the database settings of one service from the environment. */
export function databaseConfigFromEnv(schema: string, env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  const settings = readSettings(DATABASE_SETTINGS, env);
  return { url: settings.DATABASE_URL, schema, poolSize: settings.DATABASE_POOL_SIZE };
}
