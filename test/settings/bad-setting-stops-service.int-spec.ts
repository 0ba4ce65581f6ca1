import { spawn } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

/** Runs a service's main.ts as `npm start` would run it (without the build); answers its exit code and output. */
function runService(
  service: string,
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'infra/bin/run-ts.js'), `apps/${service}/src/main.ts`], {
      cwd: root,
      // An address nothing answers on: a service that got past its settings would hang there, not exit.
      env: {
        ...process.env,
        NODE_ENV: 'development',
        DATABASE_URL: 'postgres://sas:sas@127.0.0.1:9/sas',
        KAFKA_BROKERS: '127.0.0.1:9',
        PORT: '0',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * The real entry point of a service, started with wrong settings: it stops before it
 * connects to anything, with one line naming each variable at fault and the reason, and
 * never the value of a secret.
 */
describe('a service started with a wrong setting stops at once, naming the variable', () => {
  it('scheduling refuses an interval that would run every millisecond and a malformed secret URL', async () => {
    const secretUrl = 'https://client:SECRET-9b1f@idp.example/certs';
    const { code, stdout, stderr } = await runService('scheduling', {
      SLOT_EXPIRY_INTERVAL_MS: 'every minute',
      KAFKA_PARTITIONS: '0',
      AUTH_JWKS_URL: secretUrl,
    });
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([
      'scheduling did not start: invalid settings: KAFKA_PARTITIONS must be a positive integer, got "0"; ' +
        'AUTH_JWKS_URL must not carry credentials (the value is not shown); ' +
        'SLOT_EXPIRY_INTERVAL_MS must be a positive integer, got "every minute"',
    ]);
    expect(stdout + stderr).not.toContain('SECRET-9b1f');
    expect(stdout).not.toContain('listening');
  }, 120_000);
});
