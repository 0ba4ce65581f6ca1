import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { VendorAuth } from '../vendor-endpoint';

/** Why a call to a vendor failed, as the metrics and the registration's status count it. */
export type VendorErrorKind =
  'timeout' | 'network' | 'http-5xx' | 'http-429' | 'http-4xx' | 'invalid-bundle' | 'operation-outcome' | 'auth';

export class VendorCallError extends Error {
  constructor(
    readonly kind: VendorErrorKind,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

const MAX_BODY = 50 * 1024 * 1024;

/** One HTTP request with a hard deadline (connect, headers and body together). */
export function request(
  url: string,
  options: {
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    timeoutMs: number;
    tls?: { cert: string; key: string };
  },
): Promise<HttpAnswer> {
  const target = new URL(url);
  const transport = target.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = transport.request(
      target,
      {
        method: options.method ?? 'GET',
        headers: options.headers,
        ...(options.tls && { cert: options.tls.cert, key: options.tls.key }),
      },
      (res) => {
        const parts: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_BODY) req.destroy(new VendorCallError('invalid-bundle', `answer larger than ${MAX_BODY} bytes`));
          else parts.push(chunk);
        });
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    const timer = setTimeout(
      () => req.destroy(new VendorCallError('timeout', `no complete answer within ${options.timeoutMs} ms`)),
      options.timeoutMs,
    );
    req.on('close', () => clearTimeout(timer));
    req.on('error', (error) => reject(error instanceof VendorCallError ? error : new VendorCallError('network', error.message)));
    if (options.body) req.write(options.body);
    req.end();
  });
}

/** `Retry-After` in seconds or as an HTTP date, in milliseconds from now. */
export function retryAfterMs(header: string | string[] | undefined, now = Date.now()): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Turns a registration's auth into request headers or TLS material; secrets are read here, never stored. */
export class VendorCredentials {
  private token?: { value: string; expiresAt: number };

  constructor(
    private readonly auth: VendorAuth,
    private readonly timeoutMs: number,
  ) {}

  tls(): { cert: string; key: string } | undefined {
    if (this.auth.kind !== 'mtls') return undefined;
    const read = (path?: string, env?: string) => (path ? readFileSync(path, 'utf8') : env ? process.env[env] : undefined);
    const cert = read(this.auth.certPath, this.auth.certEnv);
    const key = read(this.auth.keyPath, this.auth.keyEnv);
    if (!cert || !key) throw new VendorCallError('auth', 'the client certificate or key is not available');
    return { cert, key };
  }

  async headers(): Promise<Record<string, string>> {
    if (this.auth.kind !== 'oauth2-client-credentials') return {};
    if (!this.token || this.token.expiresAt <= Date.now()) this.token = await this.fetchToken(this.auth);
    return { authorization: `Bearer ${this.token.value}` };
  }

  /** The vendor refused the token: the next call fetches a new one. */
  forget(): void {
    this.token = undefined;
  }

  private async fetchToken(
    auth: Extract<VendorAuth, { kind: 'oauth2-client-credentials' }>,
  ): Promise<{ value: string; expiresAt: number }> {
    const secret = process.env[auth.clientSecretEnv];
    if (!secret) throw new VendorCallError('auth', `the client secret variable ${auth.clientSecretEnv} is not set`);
    const body = new URLSearchParams({ grant_type: 'client_credentials', ...(auth.scope && { scope: auth.scope }) }).toString();
    const basic = Buffer.from(`${encodeURIComponent(auth.clientId)}:${encodeURIComponent(secret)}`).toString('base64');
    const answer = await request(auth.tokenUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${basic}`,
        accept: 'application/json',
      },
      body,
      timeoutMs: this.timeoutMs,
    });
    const parsed = safeJson(answer.body) as { access_token?: string; expires_in?: number } | undefined;
    if (answer.status !== 200 || !parsed?.access_token)
      throw new VendorCallError('auth', `the token endpoint answered ${answer.status}`);
    // Renew a little early so a token never expires between fetch and use.
    return { value: parsed.access_token, expiresAt: Date.now() + Math.max(0, (parsed.expires_in ?? 300) - 30) * 1000 };
  }
}

export function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
