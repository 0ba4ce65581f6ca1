import { createRemoteJWKSet } from 'jose';
import type { TokenKeys } from '../token-keys';
import { discover } from './discovery';
import { ProviderSettings } from './provider-settings';

/** Asymmetric algorithms only: an HMAC token could be forged by anyone holding a shared key. */
const PROVIDER_ALGORITHMS = ['RS256', 'PS256', 'ES256'];

/**
 * The identity provider's published keys (JWKS), fetched on first use, kept for
 * jwksCacheMs, and fetched again early when a token names a key not yet seen (a key
 * rotated in), at most once per jwksCooldownMs. A key the provider stops publishing (a
 * retired key) is refused once the cached set has been replaced.
 */
export async function providerKeys(settings: ProviderSettings): Promise<TokenKeys> {
  const jwksUrl = settings.jwksUrl ?? (await discover(settings.issuer!)).jwksUri;
  return {
    key: createRemoteJWKSet(new URL(jwksUrl), {
      cacheMaxAge: settings.jwksCacheMs,
      cooldownDuration: settings.jwksCooldownMs,
      timeoutDuration: 10_000,
    }),
    algorithms: PROVIDER_ALGORITHMS,
    issuer: settings.issuer,
    audience: settings.audience,
  };
}
