import { providerSettingsFromEnv } from './provider-settings';

describe('providerSettingsFromEnv', () => {
  const production = {
    NODE_ENV: 'production',
    AUTH_ISSUER: 'https://idp.example/realms/sas/',
    AUTH_AUDIENCE: 'sas-api',
    AUTH_CLIENT_ID: 'sas-orientation',
    AUTH_CLIENT_SECRET: 'k'.repeat(32),
  };

  it('reads a production configuration: issuer without its trailing slash, audience, client, key cache defaults', () => {
    expect(providerSettingsFromEnv(production)).toEqual({
      issuer: 'https://idp.example/realms/sas',
      jwksUrl: undefined,
      audience: 'sas-api',
      jwksCacheMs: 600_000,
      jwksCooldownMs: 30_000,
      client: { id: 'sas-orientation', secret: 'k'.repeat(32), tokenUrl: undefined },
    });
  });

  it('uses the development key outside production when no provider is configured', () => {
    expect(providerSettingsFromEnv({})).toBeUndefined();
    expect(providerSettingsFromEnv({ NODE_ENV: 'test', AUTH_CLIENT_SECRET: 'whatever' })).toBeUndefined();
  });

  it.each([
    ['no provider', { AUTH_ISSUER: undefined }, /^AUTH_ISSUER \(or AUTH_JWKS_URL\) must be set in production/],
    ['no audience', { AUTH_AUDIENCE: '' }, /^AUTH_AUDIENCE must be set in production/],
    ['no client secret', { AUTH_CLIENT_SECRET: undefined }, /^AUTH_CLIENT_SECRET is required in production/],
    [
      'a short client secret',
      { AUTH_CLIENT_SECRET: 'tiny-SECRET' },
      /^AUTH_CLIENT_SECRET is malformed: must be at least 16 characters long/,
    ],
    ['no client id', { AUTH_CLIENT_ID: undefined }, /^AUTH_CLIENT_ID must be set in production/],
    [
      'an issuer that is no URL',
      { AUTH_ISSUER: 'idp.example' },
      /^invalid settings: AUTH_ISSUER must be an http\(s\) URL, got "idp.example"$/,
    ],
    [
      'a JWKS URL with credentials',
      { AUTH_JWKS_URL: 'https://user:pw@idp.example/certs' },
      /^invalid settings: AUTH_JWKS_URL must not carry credentials \(the value is not shown\)$/,
    ],
    [
      'a key cache of no time',
      { AUTH_JWKS_CACHE_SECONDS: '0' },
      /^invalid settings: AUTH_JWKS_CACHE_SECONDS must be a number greater than 0/,
    ],
  ])('stops a production start with %s, naming the variable', (_what, change, message) => {
    let error: Error | undefined;
    try {
      providerSettingsFromEnv({ ...production, ...change });
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).toMatch(message);
    expect(error?.message).not.toContain('tiny-SECRET');
  });

  it('reads the key cache and cool-down, and a token URL given besides discovery', () => {
    const settings = providerSettingsFromEnv({
      ...production,
      AUTH_JWKS_CACHE_SECONDS: '5',
      AUTH_JWKS_COOLDOWN_SECONDS: '0.5',
      AUTH_TOKEN_URL: 'http://keycloak:8080/token',
    });
    expect(settings).toMatchObject({
      jwksCacheMs: 5000,
      jwksCooldownMs: 500,
      client: { tokenUrl: 'http://keycloak:8080/token' },
    });
  });
});
