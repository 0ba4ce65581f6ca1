import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { readSettings } from '@sas/settings';
import { AUTH_SETTINGS } from './auth-settings';

/**
 * The development signing key. It used to be a constant in the source, so anyone could
 * forge an admin token for an instance left in development mode; it is now 32 random bytes
 * drawn once per installation and kept in `.data/development-signing-key` (readable by
 * its owner only), shared by the services, the tests and `npm run token` of that
 * checkout. AUTH_DEV_KEY still replaces it (hashed to a fixed length).
 */
export function developmentKey(env: NodeJS.ProcessEnv = process.env): Uint8Array {
  const configured = readSettings({ AUTH_DEV_KEY: AUTH_SETTINGS.AUTH_DEV_KEY }, env).AUTH_DEV_KEY;
  if (configured) return createHash('sha256').update(configured).digest();
  return installationKey(join(env.SAS_DATA_DIR || join(projectRoot(), '.data'), 'development-signing-key'));
}

/**
 * Whether development mode was asked for: NODE_ENV=development (what `npm start` sets) or
 * test (what jest sets). Anything else, unset included, is treated as production, where
 * the development key is refused: forgetting a variable must not open the service.
 */
export function isDevelopmentMode(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.NODE_ENV === 'development' || env.NODE_ENV === 'test';
}

const cached = new Map<string, Uint8Array>();

function installationKey(file: string): Uint8Array {
  const known = cached.get(file);
  if (known) return known;
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    try {
      // 'wx': when several processes start at once, the first writer wins and the others read its key.
      writeFileSync(file, randomBytes(32).toString('base64url'), { flag: 'wx', mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  let text = readFileSync(file, 'utf8').trim();
  // A concurrent creator may not have written its bytes yet.
  for (let i = 0; !text && i < 100; i++) text = readFileSync(file, 'utf8').trim();
  if (text.length < 43) throw new Error(`${file} does not hold a development key (delete it to draw a new one)`);
  const key = createHash('sha256').update(text).digest();
  cached.set(file, key);
  return key;
}

/** The checkout's root (where nest-cli.json is), from the sources or from dist/. */
function projectRoot(): string {
  for (let dir = __dirname; dirname(dir) !== dir; dir = dirname(dir)) {
    if (existsSync(join(dir, 'nest-cli.json'))) return dir;
  }
  return process.cwd();
}
