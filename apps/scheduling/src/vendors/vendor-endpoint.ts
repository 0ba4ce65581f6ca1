import { FieldError } from '@sas/platform';

/** The ANS flows a vendor's FHIR server answers. */
export const VENDOR_FLOWS = ['INT_R01', 'INT_R04', 'SOS'] as const;
export type VendorFlow = (typeof VENDOR_FLOWS)[number];

/**
 * How scheduling authenticates to a vendor. Only where the secret lives is stored (a file
 * path or the name of an environment variable), never the secret itself, so that no answer,
 * log line or event can carry it.
 */
export type VendorAuth =
  | { kind: 'mtls'; certPath?: string; certEnv?: string; keyPath?: string; keyEnv?: string }
  | { kind: 'oauth2-client-credentials'; tokenUrl: string; clientId: string; clientSecretEnv: string; scope?: string };

/** A vendor's FHIR endpoint, as scheduling polls it. */
export interface VendorEndpoint {
  baseUrl: string;
  flows: VendorFlow[];
  auth: VendorAuth;
  pollIntervalSeconds: number;
  timeoutMs: number;
  concurrency: number;
}

export const ENDPOINT_DEFAULTS = { pollIntervalSeconds: 300, timeoutMs: 5000, concurrency: 4 } as const;

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const ENV_NAME = /^[A-Z_][A-Z0-9_]{0,127}$/;

/** https, or http on this machine only (tests and the demo's second deployment). */
export function checkEndpointUrl(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'a URL is required';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'not a URL';
  }
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname)) return undefined;
  return 'must be https (http only on localhost)';
}

/** Validates a registration's `endpoint`; every problem names its field. */
export function parseVendorEndpoint(input: unknown): { ok: true; value: VendorEndpoint } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const fail = (field: string, reason: string) => errors.push({ field: `endpoint.${field}`, reason });
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return { ok: false, errors: [{ field: 'endpoint', reason: 'an object is expected' }] };
  const e = input as Record<string, unknown>;
  const urlProblem = checkEndpointUrl(e.baseUrl);
  if (urlProblem) fail('baseUrl', urlProblem);
  const flows = Array.isArray(e.flows) ? e.flows : [];
  if (!Array.isArray(e.flows) || flows.length === 0) fail('flows', `at least one of ${VENDOR_FLOWS.join(', ')}`);
  flows.forEach(
    (f, i) =>
      VENDOR_FLOWS.includes(f as VendorFlow) ||
      fail(`flows[${i}]`, `unknown flow ${String(f)} (known: ${VENDOR_FLOWS.join(', ')})`),
  );
  const auth = parseAuth(e.auth, fail);
  const int = (name: 'pollIntervalSeconds' | 'timeoutMs' | 'concurrency', min: number, max: number): number => {
    const v = e[name] ?? ENDPOINT_DEFAULTS[name];
    if (!Number.isInteger(v) || (v as number) < min || (v as number) > max) fail(name, `an integer from ${min} to ${max}`);
    return v as number;
  };
  const value = {
    pollIntervalSeconds: int('pollIntervalSeconds', 1, 86_400),
    timeoutMs: int('timeoutMs', 100, 60_000),
    concurrency: int('concurrency', 1, 32),
  };
  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    value: {
      baseUrl: (e.baseUrl as string).replace(/\/+$/, ''),
      flows: [...new Set(flows as VendorFlow[])],
      auth: auth!,
      ...value,
    },
  };
}

function parseAuth(input: unknown, fail: (field: string, reason: string) => void): VendorAuth | undefined {
  if (typeof input !== 'object' || input === null) {
    fail('auth', 'credentials are required: mtls (certificate and key) or oauth2-client-credentials');
    return undefined;
  }
  const a = input as Record<string, unknown>;
  const text = (name: string) =>
    typeof a[name] === 'string' && (a[name] as string).length > 0 ? (a[name] as string) : undefined;
  const envName = (name: string) => {
    const v = text(name);
    if (v !== undefined && !ENV_NAME.test(v))
      fail(`auth.${name}`, 'the name of an environment variable (A-Z, 0-9, _), not its value');
    return v;
  };
  if (a.kind === 'mtls') {
    const [certPath, certEnv, keyPath, keyEnv] = [text('certPath'), envName('certEnv'), text('keyPath'), envName('keyEnv')];
    if (!certPath && !certEnv) fail('auth.certPath', 'a client certificate is required (certPath or certEnv)');
    if (!keyPath && !keyEnv) fail('auth.keyPath', 'a private key is required (keyPath or keyEnv)');
    return {
      kind: 'mtls',
      ...(certPath && { certPath }),
      ...(certEnv && { certEnv }),
      ...(keyPath && { keyPath }),
      ...(keyEnv && { keyEnv }),
    };
  }
  if (a.kind === 'oauth2-client-credentials') {
    const tokenProblem = checkEndpointUrl(a.tokenUrl);
    if (tokenProblem) fail('auth.tokenUrl', tokenProblem);
    if (!text('clientId')) fail('auth.clientId', 'a client id is required');
    if ('clientSecret' in a)
      fail('auth.clientSecret', 'give clientSecretEnv, the environment variable holding the secret, not the secret');
    const clientSecretEnv = envName('clientSecretEnv');
    if (!clientSecretEnv) fail('auth.clientSecretEnv', 'the environment variable holding the client secret is required');
    const scope = text('scope');
    return {
      kind: 'oauth2-client-credentials',
      tokenUrl: a.tokenUrl as string,
      clientId: text('clientId')!,
      clientSecretEnv: clientSecretEnv!,
      ...(scope && { scope }),
    };
  }
  fail('auth.kind', 'mtls or oauth2-client-credentials');
  return undefined;
}
