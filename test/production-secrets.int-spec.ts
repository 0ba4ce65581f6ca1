import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildAsTheImage, containerEnvironment, mapHosts, runAsContainer } from './support/compose-environment';
import { useIsolatedEnvironment } from './support/isolated-environment';

/* eslint-disable @typescript-eslint/no-require-imports -- the infrastructure scripts are plain CommonJS */
const { writeEnvFile, readEnvFile } = require('../infra/docker/write-env') as {
  writeEnvFile(file: string): boolean;
  readEnvFile(file: string): Record<string, string>;
};
const { freePort } = require('../infra/lib/ports') as { freePort(): Promise<number> };
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * A service started in production mode (orientation, as its container starts: the image's
 * command and compose's environment) with one secret missing or malformed stops before
 * it serves anything, says which variable is at fault, and never prints the value.
 */
describe('production secrets: a missing or malformed secret stops the service, naming the variable and never its value', () => {
  let base: Record<string, string>;

  beforeAll(async () => {
    const { databaseUrl, topicPrefix } = await useIsolatedEnvironment('prodsecrets');
    const envFile = join(mkdtempSync(join(tmpdir(), 'sas-secrets-')), '.env');
    writeEnvFile(envFile);
    buildAsTheImage();
    // No provider is needed: the settings are refused before the service would reach it.
    const env = mapHosts(containerEnvironment('orientation', readEnvFile(envFile)), {
      'kafka:19092': process.env.KAFKA_BROKERS!,
      'keycloak:8080': '127.0.0.1:9',
      'localhost:8080': '127.0.0.1:9',
    });
    base = { ...env, DATABASE_URL: databaseUrl, KAFKA_TOPIC_PREFIX: topicPrefix, PORT: String(await freePort()) };
  }, 120_000);

  /** Starts orientation with `change` applied (undefined removes a variable); answers its exit code and output. */
  const start = async (change: Record<string, string | undefined>) => {
    const env = { ...base };
    for (const [name, value] of Object.entries(change)) {
      if (value === undefined) delete env[name];
      else env[name] = value;
    }
    const service = runAsContainer(env);
    const timeout = setTimeout(() => void service.stop(), 60_000);
    const code = await service.exited;
    clearTimeout(timeout);
    return { code, output: service.output() };
  };

  const malformedKey = `${randomBytes(20).toString('base64')}NOT-A-KEY`;
  const shortSecret = `short-${randomBytes(3).toString('hex')}`;

  it.each([
    [
      'PATIENT_CONTACT_KEY missing',
      { PATIENT_CONTACT_KEY: undefined },
      'PATIENT_CONTACT_KEY is required in production',
      undefined,
    ],
    [
      'PATIENT_CONTACT_KEY malformed',
      { PATIENT_CONTACT_KEY: malformedKey },
      'PATIENT_CONTACT_KEY is malformed: must be 32 bytes encoded in base64',
      malformedKey,
    ],
    [
      'PATIENT_CONTACT_KEY of 16 bytes',
      { PATIENT_CONTACT_KEY: Buffer.alloc(16, 1).toString('base64') },
      'PATIENT_CONTACT_KEY is malformed',
      Buffer.alloc(16, 1).toString('base64'),
    ],
    ['AUTH_CLIENT_SECRET missing', { AUTH_CLIENT_SECRET: undefined }, 'AUTH_CLIENT_SECRET is required in production', undefined],
    [
      'AUTH_CLIENT_SECRET too short',
      { AUTH_CLIENT_SECRET: shortSecret },
      'AUTH_CLIENT_SECRET is malformed: must be at least 16 characters long',
      shortSecret,
    ],
    ['AUTH_AUDIENCE missing', { AUTH_AUDIENCE: undefined }, 'AUTH_AUDIENCE must be set in production', undefined],
  ])('%s: exits, naming the variable', async (_what, change, message, value) => {
    const { code, output } = await start(change);
    expect(code).not.toBe(0);
    expect(output).toContain(message);
    if (value) expect(output).not.toContain(value);
  });
});
