import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { base64Key, secretSetting, sharedSecret } from './secret-setting';

describe('secretSetting', () => {
  const refusal = (env: NodeJS.ProcessEnv, options: Parameters<typeof secretSetting>[2]) => {
    try {
      secretSetting(env, 'THE_SECRET', options);
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error('accepted');
  };

  it('reads the variable, or the file its _FILE variable names (without the final newline)', () => {
    expect(secretSetting({ THE_SECRET: 'abc' }, 'THE_SECRET', { required: true })).toBe('abc');
    const file = join(mkdtempSync(join(tmpdir(), 'secret-')), 'secret');
    writeFileSync(file, 'from-a-file\n');
    expect(secretSetting({ THE_SECRET_FILE: file }, 'THE_SECRET', { required: true })).toBe('from-a-file');
    expect(refusal({ THE_SECRET_FILE: `${file}.missing` }, { required: true })).toBe(
      'THE_SECRET_FILE names a file that cannot be read: ENOENT',
    );
  });

  it('answers undefined for a missing optional secret, and names the variable of a missing required one', () => {
    expect(secretSetting({}, 'THE_SECRET', { required: false })).toBeUndefined();
    expect(refusal({ THE_SECRET: '' }, { required: true })).toMatch(/^THE_SECRET is required in production/);
  });

  it('names the variable and the reason of a malformed secret, never its value', () => {
    const value = 'short secret VALUE-1234';
    const message = refusal({ THE_SECRET: value }, { required: false, check: sharedSecret(16) });
    expect(message).toBe('THE_SECRET is malformed: must not contain spaces or line breaks (the value is not shown)');
    expect(message).not.toContain('VALUE-1234');
  });

  it.each([
    ['not base64 at all!', /must be 32 bytes encoded in base64/],
    [Buffer.alloc(16).toString('base64'), /it decodes to 16 bytes/],
    [Buffer.alloc(32).toString('base64').slice(0, -1), /must be 32 bytes encoded in base64/],
  ])('refuses %j as a 32-byte base64 key', (value, reason) => {
    expect(base64Key(32)(value)).toMatch(reason);
  });

  it('accepts a 32-byte base64 key and a long shared secret', () => {
    expect(base64Key(32)(Buffer.alloc(32, 7).toString('base64'))).toBeUndefined();
    expect(sharedSecret(16)('0123456789abcdef')).toBeUndefined();
    expect(sharedSecret(16)('0123456789abcde')).toBe('must be at least 16 characters long');
  });
});
