import { signDevelopmentToken } from '@sas/auth';
import { decodeJwt, decodeProtectedHeader, SignJWT } from 'jose';
import { randomBytes } from 'node:crypto';
import { AppModule as OrientationModule } from '../apps/orientation/src/app.module';
import { AppModule as SchedulingModule } from '../apps/scheduling/src/app.module';
import { useIsolatedEnvironment } from './support/isolated-environment';
import { eventually, RunningService, startService, waitUntilReady } from './support/running-service';
import { rpps, slotBody } from './support/scheduling-fixtures';
import { newSigningKey, SigningKey, TestClient, TestProvider } from './support/oidc/test-provider';

/**
 * Production mode against a real OpenID Connect provider (oidc-provider): the services
 * run with NODE_ENV=production, discover the provider, verify its tokens with its
 * published keys (cached, rotated), demand the SAS audience, call each other with their
 * own client credentials, and refuse the development key.
 */
describe('production mode: tokens of a real OpenID Connect provider', () => {
  const AUDIENCE = 'sas-api';
  const secret = () => randomBytes(24).toString('base64url');
  const practitionerRpps = rpps(1_200_000_000 + Math.floor(Math.random() * 1e8));
  const clients: Record<string, TestClient> = {
    scheduling: { client_id: 'sas-scheduling', client_secret: secret(), claims: { sas_role: 'service' } },
    orientation: { client_id: 'sas-orientation', client_secret: secret(), claims: { sas_role: 'service' } },
    practice: {
      client_id: 'practice-test',
      client_secret: secret(),
      claims: { sas_role: 'practice', sas_rpps: [practitionerRpps] },
    },
    callTaker: {
      client_id: 'call-taker-92',
      client_secret: secret(),
      claims: { sas_role: 'regulator', sas_function: 'call-taker', sas_territories: ['92'] },
    },
    gpRegulator: {
      client_id: 'gp-regulator-92',
      client_secret: secret(),
      claims: { sas_role: 'regulator', sas_function: 'gp-regulator', sas_territories: ['92'] },
    },
    operator: {
      client_id: 'snp-operator-92',
      client_secret: secret(),
      claims: { sas_role: 'regulator', sas_function: 'snp-operator', sas_territories: ['92'] },
    },
    supervisor: {
      client_id: 'supervisor-92',
      client_secret: secret(),
      claims: { sas_role: 'regulator', sas_function: 'supervisor', sas_territories: ['92'] },
    },
  };
  const saved = { ...process.env };
  let first: SigningKey;
  let second: SigningKey;
  let provider: TestProvider;
  let scheduling: RunningService;
  let orientation: RunningService;
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const tokenOf = (client: TestClient, resource?: string) => provider.token(client, resource);
  /** A token as the provider makes them, signed by the test with one of the provider's keys. */
  const signedWith = (key: SigningKey) =>
    new SignJWT({ sas_role: 'practice', sas_rpps: [practitionerRpps], client_id: 'practice-test' })
      .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'at+jwt' })
      .setIssuer(provider.issuer)
      .setAudience(AUDIENCE)
      .setSubject('practice-test')
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(key.privateKey);
  let practitionerId: string;
  /** An authenticated read at scheduling: 200 when the token is accepted. */
  const practitioners = (token: string) => scheduling.http.get(`/practitioners/${practitionerId}`).set(bearer(token));
  const restartProvider = async (keys: SigningKey[]) => {
    const port = provider.port;
    await provider.stop();
    provider = await TestProvider.start({ port, audience: AUDIENCE, keys, clients: Object.values(clients) });
  };

  beforeAll(async () => {
    await useIsolatedEnvironment('productionmode');
    [first, second] = await Promise.all([newSigningKey(), newSigningKey()]);
    provider = await TestProvider.start({ audience: AUDIENCE, keys: [first], clients: Object.values(clients) });
    Object.assign(process.env, {
      NODE_ENV: 'production',
      AUTH_ISSUER: provider.issuer,
      AUTH_AUDIENCE: AUDIENCE,
      // Short, so that the test sees a rotation and a retirement within seconds (defaults: 600 s and 30 s).
      AUTH_JWKS_CACHE_SECONDS: '4',
      AUTH_JWKS_COOLDOWN_SECONDS: '1',
      PATIENT_CONTACT_KEY: randomBytes(32).toString('base64'),
      AUTH_CLIENT_ID: clients.scheduling.client_id,
      AUTH_CLIENT_SECRET: clients.scheduling.client_secret,
    });
    delete process.env.AUTH_JWKS_URL;
    delete process.env.AUTH_TOKEN_URL;
    scheduling = await startService('scheduling', SchedulingModule);
    // Each service reads its own client when it starts.
    Object.assign(process.env, {
      AUTH_CLIENT_ID: clients.orientation.client_id,
      AUTH_CLIENT_SECRET: clients.orientation.client_secret,
      SCHEDULING_URL: await scheduling.app.getUrl(),
    });
    orientation = await startService('orientation', OrientationModule);
    await Promise.all([waitUntilReady(scheduling), waitUntilReady(orientation)]);
  });

  afterAll(async () => {
    await Promise.all([orientation?.close(), scheduling?.close()]);
    await provider?.stop();
    for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
    Object.assign(process.env, saved);
  });

  it('discovers the provider once and verifies many tokens with one fetch of its keys', async () => {
    const before = await provider.requests();
    expect(before.discovery).toBeGreaterThanOrEqual(1);
    const token = await tokenOf(clients.practice);
    expect(decodeJwt(token)).toMatchObject({ iss: provider.issuer, aud: AUDIENCE, sas_role: 'practice' });
    expect(decodeProtectedHeader(token).kid).toBe(first.kid);
    const created = await scheduling.http
      .post('/practitioners')
      .set(bearer(token))
      .send({ rpps: practitionerRpps, profession: 'general-practitioner', specialties: ['SM54'] })
      .expect(201);
    practitionerId = created.body.id;
    const fetched = (await provider.requests()).jwks;
    // Every token is new (a fresh jti), so each is verified, not remembered.
    for (let i = 0; i < 5; i++) await practitioners(await tokenOf(clients.practice)).expect(200);
    expect((await provider.requests()).jwks).toBe(fetched);
    expect((await provider.requests()).discovery).toBe(before.discovery);
  });

  it('refuses a token of the same provider meant for another audience', async () => {
    const foreign = await tokenOf(clients.practice, 'urn:other:api');
    expect(decodeJwt(foreign).aud).toBe('urn:other:api');
    const res = await practitioners(foreign).expect(401);
    expect(res.body.message).toMatch(/the token is not valid/);
  });

  it('refuses a token signed with the development key, whatever it claims', async () => {
    const development = await signDevelopmentToken({ role: 'admin', subject: 'admin-1', audience: AUDIENCE });
    await practitioners(development).expect(401);
    // Even one naming the provider as its issuer: an HMAC signature is never accepted in production.
    const forged = await new SignJWT({ sas_role: 'admin' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(provider.issuer)
      .setAudience(AUDIENCE)
      .setSubject('x')
      .setExpirationTime('5m')
      .sign(randomBytes(32));
    await practitioners(forged).expect(401);
  });

  it('orientation calls scheduling with its own client-credentials token: an orphan booking is cancelled', async () => {
    const practice = await tokenOf(clients.practice);
    const place = await scheduling.http
      .post('/places')
      .set(bearer(practice))
      .send({ practitionerId, communeCode: '92044', latitude: 48.8939, longitude: 2.2879, languages: ['fr'] })
      .expect(201);
    const slot = await scheduling.http
      .post('/slots')
      .set(bearer(practice))
      .send(slotBody({ practitionerId, placeId: place.body.id }, 120))
      .expect(201);
    const [callTaker, gpRegulator, operator] = await Promise.all([
      tokenOf(clients.callTaker),
      tokenOf(clients.gpRegulator),
      tokenOf(clients.operator),
    ]);
    const kase = (
      await orientation.http
        .post('/cases')
        .set(bearer(callTaker))
        .send({
          territory: '92',
          channel: '15',
          communeCode: '92044',
          ageBand: '6-15',
          reasonCategory: 'abdominal-pain',
          hasTreatingDoctor: false,
        })
        .expect(201)
    ).body;
    await orientation.http.post(`/cases/${kase.id}/triage`).set(bearer(callTaker)).send({ lifeThreatening: false }).expect(200);
    await orientation.http
      .post(`/cases/${kase.id}/assessment`)
      .set(bearer(gpRegulator))
      .send({ consultationNeeded: true, urgency: 'within-48h', mode: 'AMB' })
      .expect(200);
    const tokensBefore = (await provider.requests()).token;

    // Booked at scheduling directly: the case never recorded it, so orientation cancels it, as itself.
    const booked = await scheduling.http
      .post('/appointments')
      .set(bearer(operator))
      .send({ slotId: slot.body.id, caseId: kase.id })
      .expect(201);
    await eventually(
      async () =>
        (await scheduling.http.get(`/appointments/${booked.body.id}`).set(bearer(operator))).body.status === 'cancelled'
          ? true
          : undefined,
      15000,
      'the orphan booking cancelled',
    );
    expect((await provider.requests()).token).toBeGreaterThan(tokensBefore);
    const audit = await scheduling.http
      .get('/audit')
      .query({ targetId: booked.body.id })
      .set(bearer(await tokenOf(clients.supervisor)))
      .expect(200);
    expect(audit.body).toContainEqual(
      expect.objectContaining({
        action: 'cancelled',
        actor: expect.objectContaining({ role: 'service', id: clients.orientation.client_id }),
      }),
    );
  });

  it('accepts a key rotated in as soon as a token names it, and refuses a retired key once the cached keys expire', async () => {
    // Rotation: the provider now signs with the second key and still publishes the first.
    await restartProvider([second, first]);
    await new Promise((r) => setTimeout(r, 1100)); // past the cool-down since the last fetch
    const rotatedIn = await tokenOf(clients.practice);
    expect(decodeProtectedHeader(rotatedIn).kid).toBe(second.kid);
    await practitioners(rotatedIn).expect(200);
    await practitioners(await signedWith(first)).expect(200);

    // Retirement: the first key is no longer published; once the cache (4 s) expires it is refused.
    await restartProvider([second]);
    await new Promise((r) => setTimeout(r, 4500));
    const retired = await practitioners(await signedWith(first)).expect(401);
    expect(retired.body.message).toMatch(/the token is not valid/);
    await practitioners(await tokenOf(clients.practice)).expect(200);
    await practitioners(await signedWith(second)).expect(200);
  });
});
