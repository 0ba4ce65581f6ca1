import { isDevelopmentMode } from './development-key';
import { signDevelopmentToken } from './token-signer';

/**
 * The token a service presents when it calls another on its own behalf (not for a user),
 * e.g. orientation cancelling a booking its cases never recorded. In production it is
 * obtained from the identity provider by the OAuth 2.0 client-credentials grant
 * (AUTH_TOKEN_URL, AUTH_CLIENT_ID, AUTH_CLIENT_SECRET); elsewhere it is signed with the
 * development key. Cached until a minute before it expires.
 */
export class ServiceCredentials {
  private cached?: { token: string; expiresAt: number };

  constructor(private readonly service: string) {}

  async token(): Promise<string> {
    if (this.cached && this.cached.expiresAt - 60_000 > Date.now()) return this.cached.token;
    const { AUTH_TOKEN_URL: url, AUTH_CLIENT_ID: clientId, AUTH_CLIENT_SECRET: secret } = process.env;
    if (url) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}` },
        body: new URLSearchParams({ grant_type: 'client_credentials' }),
        signal: AbortSignal.timeout(10_000),
      });
      if (!res.ok) throw new Error(`the identity provider refused ${this.service}'s client credentials: ${res.status}`);
      const body = (await res.json()) as { access_token: string; expires_in?: number };
      this.cached = { token: body.access_token, expiresAt: Date.now() + (body.expires_in ?? 300) * 1000 };
    } else {
      if (!isDevelopmentMode()) throw new Error('AUTH_TOKEN_URL must be set outside development mode for service-to-service calls');
      this.cached = { token: await signDevelopmentToken({ role: 'service', subject: `service:${this.service}`, ttlSeconds: 3600 }), expiresAt: Date.now() + 3600_000 };
    }
    return this.cached.token;
  }
}
