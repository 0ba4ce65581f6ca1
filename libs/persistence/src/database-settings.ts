import { positiveInt, setting, text } from '@sas/settings';

export const DEFAULT_DATABASE_URL = 'postgres://sas:sas@localhost:5433/sas';

/** Where a service's database lives. */
export const DATABASE_SETTINGS = {
  // A secret: the URL carries the password, so a refusal never shows it.
  DATABASE_URL: setting({ type: text, default: DEFAULT_DATABASE_URL, secret: true, description: 'PostgreSQL of the services' }),
  DATABASE_POOL_SIZE: setting({ type: positiveInt, default: 10, description: 'connections per service' }),
};
