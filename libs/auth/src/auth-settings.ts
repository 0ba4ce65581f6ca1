import { httpUrl, integerAtLeast, positiveInt, positiveNumber, setting, text } from '@sas/settings';

/**
 * How a service checks tokens, limits its clients and reaches the identity provider.
 * Secrets (AUTH_CLIENT_SECRET, AUTH_DEV_KEY) are also read from a file named by the
 * variable with `_FILE` appended, and checked where they are used (secretSetting): whether
 * one is required depends on the mode (production) and on the other settings.
 */
export const AUTH_SETTINGS = {
  AUTH_MAX_TOKEN_LIFETIME_SECONDS: setting({
    type: integerAtLeast(60),
    default: 86_400,
    description: 'longest lifetime (exp − iat) of a token accepted',
  }),
  RATE_LIMIT_SEARCH_PER_MINUTE: setting({ type: positiveInt, default: 600, description: 'searches per client and minute' }),
  RATE_LIMIT_BOOKING_PER_MINUTE: setting({ type: positiveInt, default: 120, description: 'bookings per client and minute' }),
  AUTH_ISSUER: setting({
    type: httpUrl,
    documentedDefault: 'unset',
    description: "the identity provider's issuer (OpenID discovery)",
  }),
  AUTH_JWKS_URL: setting({ type: httpUrl, documentedDefault: 'unset', description: "the identity provider's published keys" }),
  AUTH_AUDIENCE: setting({ type: text, documentedDefault: 'unset', description: 'the audience every token must carry' }),
  AUTH_JWKS_CACHE_SECONDS: setting({
    type: positiveNumber,
    default: 600,
    description: 'how long the published keys are trusted',
  }),
  AUTH_JWKS_COOLDOWN_SECONDS: setting({
    type: positiveNumber,
    default: 30,
    description: 'least time between two fetches of the keys',
  }),
  AUTH_TOKEN_URL: setting({
    type: httpUrl,
    documentedDefault: 'unset',
    description: "the provider's token endpoint (client credentials)",
  }),
  AUTH_CLIENT_ID: setting({
    type: text,
    documentedDefault: 'unset',
    description: "the service's own client at the identity provider",
  }),
  AUTH_CLIENT_SECRET: setting({
    type: text,
    secret: true,
    documentedDefault: 'unset',
    description: "the service's client secret",
  }),
  AUTH_DEV_KEY: setting({
    type: text,
    secret: true,
    documentedDefault: '32 random bytes',
    description: 'the development signing key (development mode only)',
  }),
};
