import { readFileSync } from 'node:fs';

/** What makes a secret well-formed: undefined when it is, else the reason (never quoting the value). */
export type SecretCheck = (value: string) => string | undefined;

/**
 * Reads a secret setting: the variable `name` itself, or the file named by `${name}_FILE`
 * (how Docker and Kubernetes mount secrets). A secret that is set but malformed, or
 * missing while `required`, stops the service with a message naming the variable and
 * the reason, never the value: start-up errors end up in logs.
 */
export function secretSetting(
  env: NodeJS.ProcessEnv,
  name: string,
  options: { required: boolean; check?: SecretCheck },
): string | undefined {
  const value = secretValue(env, name);
  if (value === undefined || value === '') {
    if (options.required) throw new Error(`${name} is required in production (set it, or ${name}_FILE to a file holding it)`);
    return undefined;
  }
  const reason = options.check?.(value);
  if (reason) throw new Error(`${name} is malformed: ${reason} (the value is not shown)`);
  return value;
}

function secretValue(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const file = env[`${name}_FILE`];
  if (!file) return env[name];
  try {
    // Files written by editors end with a newline that is no part of the secret.
    return readFileSync(file, 'utf8').replace(/\r?\n$/, '');
  } catch (error) {
    throw new Error(`${name}_FILE names a file that cannot be read: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}

/** A key of exactly `bytes` bytes, in standard base64 (with its padding). */
export const base64Key =
  (bytes: number): SecretCheck =>
  (value) => {
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value) || value.length % 4 !== 0)
      return `must be ${bytes} bytes encoded in base64 (e.g. openssl rand -base64 ${bytes})`;
    const length = Buffer.from(value, 'base64').length;
    return length === bytes ? undefined : `must be ${bytes} bytes encoded in base64, it decodes to ${length} bytes`;
  };

/** A shared secret such as an OAuth client secret: long enough not to be guessed, with no blank in it. */
export const sharedSecret =
  (minLength: number): SecretCheck =>
  (value) => {
    if (/\s/.test(value)) return 'must not contain spaces or line breaks';
    return value.length >= minLength ? undefined : `must be at least ${minLength} characters long`;
  };
