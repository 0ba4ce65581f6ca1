import { secretSetting, sharedSecret } from '@sas/platform';
import { readSettings } from '@sas/settings';
import { AUTH_SETTINGS } from '../auth-settings';

/** How a service trusts the identity provider's tokens and obtains its own: read once, at start. */
export interface ProviderSettings {
  /** The `iss` every token must carry, and where OpenID discovery starts (unless jwksUrl is given). */
  issuer?: string;
  /** The provider's published keys, when discovery is not used (or answers at another address). */
  jwksUrl?: string;
  /** The `aud` every token must carry (required in production: the realm's other applications' tokens are refused). */
  audience?: string;
  /** How long the published keys are trusted before they are fetched again (a retired key is refused after this). */
  jwksCacheMs: number;
  /** The least time between two fetches of the keys (an unknown `kid` fetches again, at most this often). */
  jwksCooldownMs: number;
  /** The service's own OAuth 2.0 client, for the client-credentials grant. */
  client?: { id: string; secret: string; tokenUrl?: string };
}

/** At least 16 characters: Keycloak generates 32, and a short secret is one a person chose. */
const CLIENT_SECRET_MIN_LENGTH = 16;

/**
 * The identity provider's settings, or undefined when none is configured outside production
 * (the development key is then used). In production the provider (AUTH_ISSUER or
 * AUTH_JWKS_URL), the audience and the service's client credentials are required.
 */
export function providerSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): ProviderSettings | undefined {
  const production = env.NODE_ENV === 'production';
  const settings = readSettings(AUTH_SETTINGS, env);
  const issuer = settings.AUTH_ISSUER;
  const jwksUrl = settings.AUTH_JWKS_URL;
  if (!issuer && !jwksUrl) {
    if (production)
      throw new Error(
        'AUTH_ISSUER (or AUTH_JWKS_URL) must be set in production: tokens are checked against the identity provider only, the development signing key is refused',
      );
    return undefined;
  }
  const audience = settings.AUTH_AUDIENCE || undefined;
  if (production && !audience)
    throw new Error(
      "AUTH_AUDIENCE must be set in production: the identity provider's tokens for other applications must be refused",
    );
  const clientId = settings.AUTH_CLIENT_ID || undefined;
  const secret = secretSetting(env, 'AUTH_CLIENT_SECRET', {
    required: production || clientId !== undefined,
    check: sharedSecret(CLIENT_SECRET_MIN_LENGTH),
  });
  if (production && !clientId)
    throw new Error(
      "AUTH_CLIENT_ID must be set in production: the service's own client at the identity provider, for service-to-service calls",
    );
  if (secret && !clientId) throw new Error('AUTH_CLIENT_ID must be set with AUTH_CLIENT_SECRET');
  const tokenUrl = settings.AUTH_TOKEN_URL;
  if (clientId && !tokenUrl && !issuer)
    throw new Error('AUTH_TOKEN_URL (or AUTH_ISSUER, for discovery) must be set with AUTH_CLIENT_ID');
  return {
    issuer,
    jwksUrl,
    audience,
    jwksCacheMs: settings.AUTH_JWKS_CACHE_SECONDS * 1000,
    jwksCooldownMs: settings.AUTH_JWKS_COOLDOWN_SECONDS * 1000,
    client: clientId && secret ? { id: clientId, secret, tokenUrl } : undefined,
  };
}
