import { JWTVerifyGetKey } from 'jose';
import { createHash } from 'node:crypto';
import { providerKeys } from './provider/provider-keys';
import { providerSettingsFromEnv } from './provider/provider-settings';

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

export async function tokenKeys(env: NodeJS.ProcessEnv = process.env): Promise<TokenKeys> {
  const audience = env.AUTH_AUDIENCE || undefined;
  // In production the settings require the provider: the development key is never reached there.
  const provider = providerSettingsFromEnv(env);
  if (provider) return providerKeys(provider);
  return { key: developmentKey(env), algorithms: ['HS256'], issuer: DEV_ISSUER, audience };
}
