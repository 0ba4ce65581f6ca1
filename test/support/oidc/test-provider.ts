import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, JWK, KeyLike } from 'jose';

/** An RSA signing key of the provider: the test keeps its private half to forge tokens. */
export interface SigningKey {
  kid: string;
  privateKey: KeyLike;
  jwk: JWK;
}

export async function newSigningKey(): Promise<SigningKey> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = `key-${randomUUID()}`;
  return { kid, privateKey, jwk: { ...(await exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' } };
}

export interface TestClient {
  client_id: string;
  client_secret: string;
  /** SAS claims put in this client's tokens (sas_role, sas_territories, …). */
  claims?: Record<string, unknown>;
}

export interface ProviderOptions {
  /** 0 for a free port; the same port again to restart the provider with other keys. */
  port?: number;
  /** Path the provider is mounted at, as Keycloak's realm (default /realms/sas). */
  prefix?: string;
  audience: string;
  /** The provider signs with the first key and publishes them all. */
  keys: SigningKey[];
  clients: TestClient[];
}

/** A running oidc-provider (test/support/oidc/provider-process.mjs) in its own process. */
export class TestProvider {
  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
    readonly issuer: string,
  ) {}

  static async start(options: ProviderOptions): Promise<TestProvider> {
    const prefix = options.prefix ?? '/realms/sas';
    const folder = mkdtempSync(join(tmpdir(), 'sas-oidc-'));
    const file = join(folder, 'provider.json');
    // The issuer must name the port before it is known: a free port is taken first when none is given.
    const port = options.port || (await freeLoopbackPort());
    const issuer = `http://127.0.0.1:${port}${prefix}`;
    writeFileSync(
      file,
      JSON.stringify({
        port,
        issuer,
        prefix,
        audience: options.audience,
        keys: options.keys.map((k) => k.jwk),
        clients: options.clients,
      }),
    );
    const child = spawn(process.execPath, [join(__dirname, 'provider-process.mjs'), file], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, DEBUG: '' },
    });
    let errors = '';
    child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
      child.once('exit', (code) => reject(new Error(`the OpenID provider exited (${code}): ${errors}`)));
    });
    return new TestProvider(child, port, issuer);
  }

  /** Base URL under which compose's `keycloak:8080` answers (the provider's root). */
  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get tokenUrl(): string {
    return `${this.issuer}/protocol/openid-connect/token`;
  }

  /** A client-credentials access token of `client`, for `resource` (default: the SAS API). */
  async token(client: TestClient, resource?: string): Promise<string> {
    const res = await fetch(this.tokenUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${client.client_id}:${client.client_secret}`).toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: 'client_credentials', ...(resource ? { resource } : {}) }),
    });
    const body = (await res.json()) as { access_token?: string; error?: string; error_description?: string };
    if (!res.ok || !body.access_token)
      throw new Error(
        `the provider refused a token to ${client.client_id}: ${res.status} ${body.error} ${body.error_description}`,
      );
    return body.access_token;
  }

  /** How many discovery, JWKS and token requests the provider has served since it started. */
  async requests(): Promise<{ discovery: number; jwks: number; token: number }> {
    return (await (await fetch(`${this.origin}/__requests`)).json()) as { discovery: number; jwks: number; token: number };
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.kill('SIGTERM');
    });
  }
}

async function freeLoopbackPort(): Promise<number> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the infrastructure scripts are plain CommonJS
  const { freePort } = require('../../../infra/lib/ports') as { freePort(): Promise<number> };
  return freePort();
}
