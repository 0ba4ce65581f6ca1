import { createRemoteJWKSet, JWTVerifyGetKey } from 'jose';
import { createHash } from 'node:crypto';

/**
 * Where token signatures are checked. In production: the identity provider's published
 * keys (AUTH_JWKS_URL, or AUTH_ISSUER's OpenID discovery document). Elsewhere: a
 * development HMAC key (AUTH_DEV_KEY, or a fixed development key) that `npm run token`
 * signs with. The development key is refused in production.
 */
export interface TokenKeys {
  key: Uint8Array | JWTVerifyGetKey;
  algorithms: string[];
  issuer?: string;
  audience?: string;
}

const DEV_ISSUER = 'sas-development';
const DEFAULT_DEV_SECRET = 'sas development signing key: never use in production';

export function developmentKey(env: NodeJS.ProcessEnv = process.env): Uint8Array {
  // A fixed-length key derived from the configured secret, whatever its length.
  return createHash('sha256').update(env.AUTH_DEV_KEY ?? DEFAULT_DEV_SECRET).digest();
}

export function developmentIssuer(): string {
  return DEV_ISSUER;
}

async function discoverJwksUrl(issuer: string): Promise<string> {
  const res = await fetch(`${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(10_000) });
  if (!res.ok) throw new Error(`OpenID discovery of ${issuer} answered ${res.status}`);
  const { jwks_uri } = (await res.json()) as { jwks_uri?: string };
  if (!jwks_uri) throw new Error(`OpenID discovery of ${issuer} names no jwks_uri`);
  return jwks_uri;
}

export async function tokenKeys(env: NodeJS.ProcessEnv = process.env): Promise<TokenKeys> {
  const audience = env.AUTH_AUDIENCE || undefined;
  if (env.AUTH_JWKS_URL || env.AUTH_ISSUER) {
    const jwksUrl = env.AUTH_JWKS_URL || (await discoverJwksUrl(env.AUTH_ISSUER!));
    return { key: createRemoteJWKSet(new URL(jwksUrl)), algorithms: ['RS256', 'PS256', 'ES256'], issuer: env.AUTH_ISSUER || undefined, audience };
  }
  if (env.NODE_ENV === 'production') throw new Error('AUTH_JWKS_URL or AUTH_ISSUER must be set in production (the development signing key is refused)');
  return { key: developmentKey(env), algorithms: ['HS256'], issuer: DEV_ISSUER, audience };
}
