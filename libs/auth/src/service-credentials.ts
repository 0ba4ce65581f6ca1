import { isDevelopmentMode } from './development-key';
import { discover } from './provider/discovery';
import { ProviderSettings, providerSettingsFromEnv } from './provider/provider-settings';
import { signDevelopmentToken } from './token-signer';

/**
 * The token a service presents when it calls another on its own behalf (not for a user),
 * e.g. orientation cancelling a booking its cases never recorded. With an identity
 * provider it is obtained by the OAuth 2.0 client-credentials grant (AUTH_CLIENT_ID,
 * AUTH_CLIENT_SECRET, at AUTH_TOKEN_URL or the token endpoint AUTH_ISSUER's discovery
 * names); without one (never in production) it is signed with the development key.
 * Cached until a minute before it expires. The settings are read when the service starts.
 */
export class ServiceCredentials {
  private cached?: { token: string; expiresAt: number };

  constructor(
    private readonly service: string,
    private readonly settings: ProviderSettings | undefined = providerSettingsFromEnv(),
  ) {}

  async token(): Promise<string> {
    if (this.cached && this.cached.expiresAt - 60_000 > Date.now()) return this.cached.token;
    const client = this.settings?.client;
    if (client) {
      const url = client.tokenUrl ?? (await discover(this.settings!.issuer!)).tokenEndpoint;
      if (!url) throw new Error(`the identity provider ${this.settings!.issuer} names no token endpoint: set AUTH_TOKEN_URL`);
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${basic(client.id, client.secret)}`,
        },
        body: new URLSearchParams({ grant_type: 'client_credentials' }),
        signal: AbortSignal.timeout(10_000),
      });
      if (!res.ok)
        throw new Error(`the identity provider refused ${this.service}'s client credentials (${client.id}): ${res.status}`);
      const body = (await res.json()) as { access_token: string; expires_in?: number };
      this.cached = { token: body.access_token, expiresAt: Date.now() + (body.expires_in ?? 300) * 1000 };
    } else {
      if (!isDevelopmentMode())
        throw new Error(
          'AUTH_CLIENT_ID and AUTH_CLIENT_SECRET must be set outside development mode for service-to-service calls',
        );
      this.cached = {
        token: await signDevelopmentToken({ role: 'service', subject: `service:${this.service}`, ttlSeconds: 3600 }),
        expiresAt: Date.now() + 3600_000,
      };
    }
    return this.cached.token;
  }
}

/** RFC 6749 §2.3.1: the client id and secret are form-encoded before they are joined. */
function basic(id: string, secret: string): string {
  return Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64');
}
