import { Unauthenticated } from '@sas/platform';
import { SignJWT } from 'jose';
import { signDevelopmentToken } from './token-signer';
import { developmentIssuer, developmentKey, tokenKeys } from './token-keys';
import { TokenVerifier } from './token-verifier';

describe('TokenVerifier (development key)', () => {
  const verifier = new TokenVerifier({ key: developmentKey({}), algorithms: ['HS256'], issuer: developmentIssuer() });
  const bearer = (token: string) => `Bearer ${token}`;
  const refusal = async (authorization: string | undefined) => {
    const error = await verifier.verify(authorization).catch((e) => e);
    expect(error).toBeInstanceOf(Unauthenticated);
    return (error as Error).message;
  };

  it('reads the principal of a valid token: role, function, territories, identifiers', async () => {
    const token = await signDevelopmentToken(
      { role: 'regulator', subject: '10000000006', regulatorFunction: 'supervisor', territories: ['92', '75'] },
      developmentKey({}),
    );
    expect(await verifier.verify(bearer(token))).toMatchObject({
      subject: '10000000006',
      role: 'regulator',
      regulatorFunction: 'supervisor',
      territories: ['92', '75'],
      practitionerRpps: [],
      token,
    });
  });

  it('refuses a missing or malformed header, an expired token, another key, another issuer', async () => {
    expect(await refusal(undefined)).toMatch(/bearer token is required/);
    expect(await refusal('Basic abc')).toMatch(/bearer token is required/);
    expect(await refusal(bearer(await signDevelopmentToken({ role: 'bi', ttlSeconds: -10 }, developmentKey({}))))).toMatch(
      /expired/,
    );
    expect(
      await refusal(bearer(await signDevelopmentToken({ role: 'bi' }, developmentKey({ AUTH_DEV_KEY: 'another' })))),
    ).toMatch(/not valid/);
    const foreign = await new SignJWT({ sas_role: 'admin' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('x')
      .setIssuer('elsewhere')
      .setExpirationTime('1h')
      .sign(developmentKey({}));
    expect(await refusal(bearer(foreign))).toMatch(/not valid/);
  });

  it('refuses a token without a known role or with an unknown regulator function', async () => {
    const noRole = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('x')
      .setIssuer(developmentIssuer())
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(developmentKey({}));
    expect(await refusal(bearer(noRole))).toMatch(/sas_role/);
    const badFunction = await new SignJWT({ sas_role: 'regulator', sas_function: 'surgeon' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('x')
      .setIssuer(developmentIssuer())
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(developmentKey({}));
    expect(await refusal(bearer(badFunction))).toMatch(/sas_function/);
  });

  it('verifies a token presented again only once, and refuses it once it has expired', async () => {
    const remembering = new TokenVerifier({ key: developmentKey({}), algorithms: ['HS256'], issuer: developmentIssuer() });
    const check = jest.spyOn(remembering as unknown as { check(token: string): Promise<unknown> }, 'check');
    const token = await signDevelopmentToken({ role: 'regulator', subject: 'r', ttlSeconds: 1 }, developmentKey({}));
    const first = await remembering.verify(bearer(token));
    expect(await remembering.verify(bearer(token))).toBe(first);
    expect(check).toHaveBeenCalledTimes(1);
    await new Promise((r) => setTimeout(r, 1100));
    const error = await remembering.verify(bearer(token)).catch((e) => e);
    expect(error).toBeInstanceOf(Unauthenticated);
    expect((error as Error).message).toMatch(/expired/);
  });

  it("reads a CPTS coordinator's CPTS, and refuses a coordinator token without one", async () => {
    const coordinator = await signDevelopmentToken({ role: 'cpts-coordinator', cptsId: 'cpts-levallois' }, developmentKey({}));
    expect(await verifier.verify(bearer(coordinator))).toMatchObject({ role: 'cpts-coordinator', cptsId: 'cpts-levallois' });
    const without = await signDevelopmentToken({ role: 'cpts-coordinator' }, developmentKey({}));
    expect(await refusal(bearer(without))).toMatch(/sas_cpts/);
  });

  it('refuses an unsigned token (alg none)', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
    const payload = Buffer.from(
      JSON.stringify({ sub: 'x', sas_role: 'admin', iss: developmentIssuer(), exp: Math.floor(Date.now() / 1000) + 600 }),
    ).toString('base64url');
    expect(await refusal(bearer(`${header}.${payload}.`))).toMatch(/not valid/);
  });
});

describe('tokenKeys', () => {
  it('refuses the development key in production', async () => {
    await expect(tokenKeys({ NODE_ENV: 'production' })).rejects.toThrow(
      /AUTH_ISSUER \(or AUTH_JWKS_URL\) must be set in production/,
    );
  });

  it("uses the identity provider's published keys when configured", async () => {
    const keys = await tokenKeys({ AUTH_JWKS_URL: 'https://idp.example/jwks', AUTH_AUDIENCE: 'sas' });
    expect(keys).toMatchObject({ algorithms: ['RS256', 'PS256', 'ES256'], audience: 'sas' });
    expect(typeof keys.key).toBe('function');
  });
});

describe('TokenVerifier: lifetimes and what a refusal says', () => {
  const key = developmentKey({});
  const verifier = new TokenVerifier({ key, algorithms: ['HS256'], issuer: developmentIssuer() }, 86_400);
  const now = Math.floor(Date.now() / 1000);
  const token = (iat: number, exp: number) =>
    new SignJWT({ sas_role: 'admin' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('x')
      .setIssuer(developmentIssuer())
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(key);
  const refusal = async (jwt: string) => ((await verifier.verify(`Bearer ${jwt}`).catch((e) => e)) as Error).message;

  it('refuses a token issued in the future, one living longer than the maximum, and one without iat', async () => {
    expect(await refusal(await token(now + 10 * 365 * 86_400, now + 10 * 365 * 86_400 + 600))).toBe('the token is not valid');
    expect(await refusal(await token(now, now + 100 * 365 * 86_400))).toBe('the token is not valid');
    const noIat = await new SignJWT({ sas_role: 'admin' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('x')
      .setIssuer(developmentIssuer())
      .setExpirationTime(now + 600)
      .sign(key);
    expect(await refusal(noIat)).toBe('the token is not valid');
  });

  it('accepts a day-long token and a small clock skew', async () => {
    await expect(verifier.verify(`Bearer ${await token(now, now + 86_400)}`)).resolves.toMatchObject({ role: 'admin' });
    await expect(verifier.verify(`Bearer ${await token(now + 30, now + 3600)}`)).resolves.toMatchObject({ role: 'admin' });
  });

  it('does not name which check failed', async () => {
    const other = await signDevelopmentToken({ role: 'bi' }, developmentKey({ AUTH_DEV_KEY: 'another' }));
    expect(await refusal(other)).toBe('the token is not valid');
  });
});
