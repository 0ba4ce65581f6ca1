import { SignJWT } from 'jose';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { developmentKey, isDevelopmentMode } from './development-key';
import { developmentIssuer, tokenKeys } from './token-keys';
import { TokenVerifier } from './token-verifier';

describe('the development signing key', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'sas-devkey-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is drawn once per installation, kept readable by its owner only, and differs between installations', () => {
    const key = developmentKey({ SAS_DATA_DIR: dir });
    const file = join(dir, 'development-signing-key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(developmentKey({ SAS_DATA_DIR: dir })).toEqual(key);
    const other = mkdtempSync(join(tmpdir(), 'sas-devkey-'));
    try {
      expect(developmentKey({ SAS_DATA_DIR: other })).not.toEqual(key);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('refuses an admin token forged with the key the source used to publish', async () => {
    const published = createHash('sha256').update('sas development signing key: never use in production').digest();
    const now = Math.floor(Date.now() / 1000);
    const forged = await new SignJWT({ sas_role: 'admin' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('attacker')
      .setIssuer(developmentIssuer())
      .setIssuedAt(now)
      .setExpirationTime(now + 600)
      .sign(published);
    const verifier = new TokenVerifier(await tokenKeys({ NODE_ENV: 'development', SAS_DATA_DIR: dir }));
    await expect(verifier.verify(`Bearer ${forged}`)).rejects.toMatchObject({ status: 401 });
  });

  it.each([{}, { NODE_ENV: 'production' }, { NODE_ENV: 'staging' }, { NODE_ENV: '' }])(
    'is refused unless development mode is explicit (%j)',
    async (env) => {
      expect(isDevelopmentMode(env)).toBe(false);
      await expect(tokenKeys({ ...env, SAS_DATA_DIR: dir })).rejects.toThrow(/development signing key/);
    },
  );

  it('is used in development and test mode', async () => {
    for (const NODE_ENV of ['development', 'test']) {
      const keys = await tokenKeys({ NODE_ENV, SAS_DATA_DIR: dir });
      expect(keys).toMatchObject({ algorithms: ['HS256'], key: developmentKey({ SAS_DATA_DIR: dir }) });
    }
  });
});
