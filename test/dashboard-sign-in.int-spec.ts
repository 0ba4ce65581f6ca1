import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { createServiceApp } from '@sas/platform';
import { AppModule as IndicatorsModule } from '../apps/indicators/src/app.module';
import { launchChromium, RunningBrowser } from './support/browser';
import { waitForRender } from './support/dashboard-page';
import { useIsolatedEnvironment } from './support/isolated-environment';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { freePort } = require('../infra/lib/ports');

const SETTINGS = ['AUTH_ISSUER', 'AUTH_AUDIENCE', 'DASHBOARD_CLIENT_ID'];

/**
 * With AUTH_ISSUER set, the dashboard signs in with the OpenID Connect authorization code
 * flow and PKCE against a real provider (oidc-provider), and the service accepts the
 * provider's access token: the page shows the figures of the token's territory.
 */
describe('the dashboard signs in with OpenID Connect', () => {
  let provider: ChildProcess;
  let indicators: INestApplication;
  let browser: RunningBrowser;
  let base: string;
  let issuer: string;

  beforeAll(async () => {
    await useIsolatedEnvironment('dashboardoidc');
    const [providerPort, servicePort] = [await freePort(), await freePort()];
    base = `http://localhost:${servicePort}`;
    issuer = `http://localhost:${providerPort}`;
    provider = spawn(
      process.execPath,
      [join(__dirname, 'support/oidc-provider.mjs'), String(providerPort), `${base}/dashboard`],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve, reject) => {
      provider.stdout!.on('data', (d: Buffer) => String(d).includes('listening') && resolve());
      provider.once('exit', (code) => reject(new Error(`the OpenID provider exited (${code})`)));
    });
    Object.assign(process.env, {
      AUTH_ISSUER: issuer,
      AUTH_AUDIENCE: 'urn:sas:indicators',
      DASHBOARD_CLIENT_ID: 'sas-dashboard',
    });
    indicators = await createServiceApp('indicators', IndicatorsModule);
    await indicators.listen(servicePort);
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await indicators?.close();
    provider?.kill();
    for (const name of SETTINGS) delete process.env[name];
  });

  it('goes through the provider and back with a code, exchanges it with its verifier, and reads the indicators with the access token', async () => {
    const page = await browser.context.newPage();
    const authorizations: URL[] = [];
    const exchanges: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.origin === issuer && url.pathname === '/auth') authorizations.push(url);
      if (url.origin === issuer && request.method() === 'POST' && url.pathname === '/token')
        exchanges.push(request.postData() ?? '');
    });
    await page.goto(`${base}/dashboard?territory=93&period=month`);
    await page.locator('input[name=login]').waitFor({ timeout: 30_000 });
    const [authorization] = authorizations;
    expect(authorization.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorization.searchParams.get('redirect_uri')).toBe(`${base}/dashboard`);
    await page.fill('input[name=login]', 'steering-93');
    await page.fill('input[name=password]', 'any');
    await page.click('button[type=submit]');
    await page.waitForURL(`${base}/dashboard?**`);
    await waitForRender(page, 0);
    expect(await page.locator('#status').textContent()).toMatch(/^À jour/);
    // The code went back with the verifier whose hash was the challenge; the view came back too.
    expect(new URLSearchParams(exchanges[0]).get('code_verifier')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(new URL(page.url()).searchParams.get('territory')).toBe('93');
    expect(new URL(page.url()).searchParams.get('code')).toBeNull();
    // The token's territory is the only one offered.
    expect(await page.locator('#territory option').evaluateAll((options) => options.map((o) => o.getAttribute('value')))).toEqual(
      ['', '93'],
    );
    await page.close();
  }, 60_000);
});
