import { JWTVerifyGetKey } from 'jose';
import { readSettings } from '@sas/settings';
import { AUTH_SETTINGS } from './auth-settings';
import { developmentKey, isDevelopmentMode } from './development-key';
import { providerKeys } from './provider/provider-keys';
import { providerSettingsFromEnv } from './provider/provider-settings';

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

export async function tokenKeys(env: NodeJS.ProcessEnv = process.env): Promise<TokenKeys> {
  const audience = readSettings({ AUTH_AUDIENCE: AUTH_SETTINGS.AUTH_AUDIENCE }, env).AUTH_AUDIENCE || undefined;
  // In production the settings require the provider: the development key is never reached there.
  const provider = providerSettingsFromEnv(env);
  if (provider) return providerKeys(provider);
  if (!isDevelopmentMode(env)) {
    throw new Error(
      'AUTH_JWKS_URL or AUTH_ISSUER must be set: the development signing key is accepted only in development mode (NODE_ENV=development or test)',
    );
  }
  return { key: developmentKey(env), algorithms: ['HS256'], issuer: DEV_ISSUER, audience };
}
