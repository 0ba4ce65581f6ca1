import { departementOfCommune, utcToParisLocal } from '@sas/referentials';
import { planRegion, seedRegion, serviceUrls, simulateDay, waitUntilIndexed } from '@sas/simulation';
import { readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Page } from 'playwright-core';
import { launchChromium, RunningBrowser } from './support/browser';
import { isoWeekOf, mapMarks, openDashboard, readTiles, renderCount, waitForRender } from './support/dashboard-page';
import { useIsolatedEnvironment } from './support/isolated-environment';
import { RunningService } from './support/running-service';
import { startAllServices } from './support/all-services';
import { adminToken, biToken, tokenFor } from './support/tokens';

const SCREENSHOTS = join(__dirname, '../docs/screenshots');
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * After a short simulated day through the four real services, the steering dashboard in a
 * real headless Chromium shows exactly the indicators API's figures, and nothing else.
 */
describe('the steering dashboard in a real browser, after a simulated day', () => {
  const services: RunningService[] = [];
  let indicators: RunningService;
  let browser: RunningBrowser;
  let base: string;
  let bi: string;
  const requested: string[] = [];
  const week = isoWeekOf(utcToParisLocal(new Date()).date);
  /** The two territories with the most requests this week: the test switches from one to the other. */
  let busiest: string[];

  const api = async (path: string, token = bi) => (await indicators.as(token).get(path).expect(200)).body;
  const tilesQuery = (where: string, groupBy: string) =>
    `${where}&from=${week.previousFrom}&to=${week.to}&granularity=week&groupBy=${groupBy}`;

  beforeAll(async () => {
    await useIsolatedEnvironment('dashboard');
    const started = await startAllServices();
    const { scheduling, matching, orientation } = started;
    indicators = started.indicators;
    // Where the simulation finds them (SCHEDULING_URL and MATCHING_URL are set by startAllServices).
    process.env.INDICATORS_URL = await indicators.app.getUrl();
    process.env.ORIENTATION_URL = await orientation.app.getUrl();
    services.push(scheduling, matching, indicators, orientation);
    await seedRegion(planRegion({ region: '11', scale: 0.002, seed: 11 }), serviceUrls(), { concurrency: 4, progress: false });
    await waitUntilIndexed(serviceUrls(), await adminToken(), 60_000);
    const day = await simulateDay(serviceUrls(), {
      region: '11',
      scale: 0.002,
      seed: 11,
      hours: 12,
      fromHour: 8,
      speed: Infinity,
      regulators: 8,
      bookedElsewherePerCall: 1,
      settleMs: 60_000,
    });
    expect(day.errors).toEqual([]);
    expect(day.indicatorsAgree).toBe(true);
    bi = await biToken();
    base = (await indicators.app.getUrl()).replace('[::1]', 'localhost').replace('127.0.0.1', 'localhost');
    const byTerritory = await api(`/indicators?region=11&from=${week.from}&to=${week.to}&granularity=week&groupBy=territory`);
    busiest = (byTerritory.rows as { territory: string; snp_requests: number }[])
      .sort((a, b) => b.snp_requests - a.snp_requests)
      .map((r) => r.territory);
    browser = await launchChromium();
    browser.context.on('request', (request) => requested.push(request.url()));
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await Promise.all(services.map((s) => s.close()));
    for (const name of ['SCHEDULING_URL', 'MATCHING_URL', 'ORIENTATION_URL', 'INDICATORS_URL']) delete process.env[name];
  });

  async function expectTilesEqualApi(page: Page, query: string, token = bi) {
    const { source, tiles } = await readTiles(page);
    expect(source).toBe(`/indicators?${new URLSearchParams(query)}`);
    const rows: Record<string, string | number | null>[] = (await api(`/indicators?${query}`, token)).rows;
    const row = rows.find((r) => r.period === week.from) ?? {};
    expect(tiles.length).toBe(10);
    for (const tile of tiles) expect({ [tile.figure]: tile.value }).toEqual({ [tile.figure]: row[tile.figure] ?? null });
    const rate = tiles.find((t) => t.figure === 'response_rate')!;
    if (rate.value !== null)
      expect(rate.text).toBe(new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 1 }).format(rate.value));
    return row;
  }

  it('shows the region, then a territory, each tile equal to GET /indicators, the URL following the picker', async () => {
    expect(busiest.length).toBeGreaterThanOrEqual(2);
    const page = await browser.context.newPage();
    await openDashboard(page, base, 'period=week', bi);
    expect(new URL(page.url()).hash).toBe(''); // the token leaves the address at once
    const region = await expectTilesEqualApi(page, tilesQuery('region=11', 'region'));
    expect(region.snp_requests).toBeGreaterThan(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-region.png'), fullPage: true });

    const rendered = await renderCount(page);
    await page.selectOption('#territory', busiest[0]);
    await waitForRender(page, rendered);
    expect(new URL(page.url()).searchParams.get('territory')).toBe(busiest[0]);
    const territory = await expectTilesEqualApi(page, tilesQuery(`territory=${busiest[0]}`, 'territory'));
    expect(Number(territory.snp_requests)).toBeLessThan(Number(region.snp_requests));
    await page.close();
  }, 60_000);

  it('draws one map mark per commune with figures, and a click shows that commune', async () => {
    const page = await browser.context.newPage();
    await openDashboard(page, base, `territory=${busiest[0]}&period=week`, bi);
    const rows: { commune: string }[] = (
      await api(`/indicators?territory=${busiest[0]}&from=${week.from}&to=${week.to}&granularity=week&groupBy=commune`)
    ).rows;
    const marks = await mapMarks(page);
    expect(marks.sort()).toEqual(rows.map((r) => r.commune).sort());
    await page.locator(`#coverage .commune-mark[data-commune="${marks[0]}"]`).click({ force: true });
    await page.locator('.leaflet-popup-content').waitFor();
    expect(await page.locator('.leaflet-popup-content').textContent()).toContain(`(${marks[0]})`);
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-map.png'), fullPage: true });
    // Every chart has its data as a table, its text alternative: one line per row of the API's answer.
    for (const id of ['demand', 'outcomes', 'delays', 'practitioners', 'hourly', 'coverage'])
      expect(await page.locator(`#${id} table caption`).count()).toBe(1);
    expect(await page.locator('#coverage table tbody tr').count()).toBe(rows.length);
    const hourly = await api(`/indicators/snp-hours-by-weekday-hour?territory=${busiest[0]}&from=${week.from}&to=${week.to}`);
    expect(await page.locator('#hourly table tbody tr').count()).toBe(hourly.rows.length);
    await page.close();
  }, 60_000);

  it("downloads a chart's data as the API's own CSV, and the chart as SVG and PNG", async () => {
    const page = await browser.context.newPage();
    await openDashboard(page, base, `territory=${busiest[0]}&period=week`, bi);
    const download = async (button: string) => {
      const [file] = await Promise.all([
        page.waitForEvent('download'),
        page.locator(`#demand .chart-tools button:text-is("${button}")`).click(),
      ]);
      return { name: file.suggestedFilename(), body: readFileSync((await file.path())!) };
    };
    // The charts cover the selected week and the eleven before it, day by day.
    const twelveWeeks = new Date(new Date(`${week.from}T00:00:00Z`).getTime() - 77 * 86_400_000).toISOString().slice(0, 10);
    const csv = await indicators
      .as(bi)
      .get(`/indicators.csv?territory=${busiest[0]}&from=${twelveWeeks}&to=${week.to}&granularity=day&groupBy=territory`)
      .expect(200);
    const fromPage = await download('CSV');
    expect(fromPage.name).toBe('demand.csv');
    expect(fromPage.body.toString('utf8')).toBe(csv.text);
    expect((await download('SVG')).body.toString('utf8')).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect((await download('PNG')).body.subarray(1, 4).toString('latin1')).toBe('PNG');
    await page.close();
  }, 60_000);

  it('passes axe-core with no serious or critical violation', async () => {
    const page = await browser.context.newPage();
    await openDashboard(page, base, `territory=${busiest[0]}&period=month&granularity=week`, bi);
    await page.evaluate(AXE); // through the DevTools protocol: the page's CSP forbids inline scripts
    const violations = await page.evaluate(`axe.run().then((result) => result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) })))`);
    expect(violations).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-month.png'), fullPage: true });
    await page.close();
  }, 60_000);

  it('lets a BI reader scoped to one territory see only that territory', async () => {
    const [own, other] = busiest;
    const scoped = await tokenFor({ role: 'bi', subject: `bi-${own}`, territories: [own] });
    await indicators.as(scoped).get(`/indicators?territory=${other}`).expect(403);
    const page = await browser.context.newPage();
    await openDashboard(page, base, `territory=${other}&period=week`, scoped);
    expect(new URL(page.url()).searchParams.get('territory')).toBe(own);
    expect(await page.locator('#status').textContent()).toContain(`${other} n’est pas accessible`);
    expect(await page.locator('#territory option').evaluateAll((options) => options.map((o) => o.getAttribute('value')))).toEqual(
      ['', own],
    );
    await expectTilesEqualApi(page, tilesQuery(`territory=${own}`, 'territory'), scoped);
    const marks = await mapMarks(page);
    expect(marks.length).toBeGreaterThan(0);
    expect(marks.filter((code) => departementOfCommune(code) !== own)).toEqual([]);
    await page.close();
  }, 60_000);

  it('made no request to any other host', () => {
    const origin = new URL(base).origin;
    expect(requested.length).toBeGreaterThan(10);
    expect(requested.filter((url) => !url.startsWith(`${origin}/`) && !/^(data|blob):/.test(url))).toEqual([]);
  });
});
