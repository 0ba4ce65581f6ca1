import { createRemoteJWKSet, JWTVerifyGetKey } from 'jose';
import { developmentKey, isDevelopmentMode } from './development-key';

/**
 * Where token signatures are checked. In production: the identity provider's published
 * keys (AUTH_JWKS_URL, or AUTH_ISSUER's OpenID discovery document). In development mode
 * only (NODE_ENV=development or test): a development HMAC key (AUTH_DEV_KEY, or the one
 * drawn for this installation) that `npm run token` signs with.
 */
export interface TokenKeys {
  key: Uint8Array | JWTVerifyGetKey;
  algorithms: string[];
  issuer?: string;
  audience?: string;
}

const DEV_ISSUER = 'sas-development';
export { developmentKey, isDevelopmentMode };

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
  if (!isDevelopmentMode(env)) {
    throw new Error('AUTH_JWKS_URL or AUTH_ISSUER must be set: the development signing key is accepted only in development mode (NODE_ENV=development or test)');
  }
  return { key: developmentKey(env), algorithms: ['HS256'], issuer: DEV_ISSUER, audience };
}
