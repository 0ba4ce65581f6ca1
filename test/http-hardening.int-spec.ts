import { AppModule as MatchingModule } from '../apps/matching/src/app.module';
import { useIsolatedEnvironment } from './support/isolated-environment';
import { RunningService, startService } from './support/running-service';
import { regulatorToken } from './support/tokens';

describe('HTTP hardening: per-client rate limits, security headers, CORS closed by default', () => {
  let matching: RunningService;

  beforeAll(async () => {
    await useIsolatedEnvironment('hardening');
    process.env.RATE_LIMIT_SEARCH_PER_MINUTE = '5';
    matching = await startService('matching', MatchingModule);
  });

  afterAll(async () => {
    delete process.env.RATE_LIMIT_SEARCH_PER_MINUTE;
    await matching?.close();
  });

  it('limits searches per regulator, not per machine: the sixth in a minute gets 429, another regulator is not affected', async () => {
    const [busy, other] = [matching.as(await regulatorToken(['92'])), matching.as(await regulatorToken(['92']))];
    for (let i = 0; i < 5; i++) expect((await busy.get('/search').query({ commune: '92044' })).status).not.toBe(429);
    const limited = await busy.get('/search').query({ commune: '92044' });
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
    expect((await other.get('/search').query({ commune: '92044' })).status).not.toBe(429);
  });

  it('sends security headers and no CORS permission to a browser origin', async () => {
    const res = await matching.http.get('/health/live').set('origin', 'https://evil.example').expect(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toBeDefined();
    expect(res.headers['content-security-policy']).toBeDefined();
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await matching.http
      .options('/search')
      .set('origin', 'https://evil.example')
      .set('access-control-request-method', 'GET');
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses a body larger than the limit', async () => {
    const big = { commune: '92044', padding: 'x'.repeat(11 * 1024 * 1024) };
    const res = await matching
      .as(await regulatorToken(['92']))
      .post('/search')
      .send(big);
    expect(res.status).toBe(413);
  });
});
