// npm run bench:dashboard — [--days 366] [--runs 5] [--reuse] [--timeline true]
// The steering dashboard's first view over a year of Île-de-France figures at full scale: a
// private PostgreSQL and Kafka, the indicators service as its own process (as `npm start`
// runs it), a year of facts written into its tables (dashboard-year.ts), the daily rollups
// refilled from them, then the page loaded in Debian's headless Chromium, timed from
// navigation to the last figure drawn. Budget: under 1 s on localhost. --reuse measures
// again on the previous run's database (.data/bench-dashboard), without writing the year.
// --timeline true prints each first load's requests and marks, from navigation.
import { signDevelopmentToken } from '@sas/auth';
import { parseArguments, percentile } from '@sas/simulation';
import { utcToParisLocal } from '@sas/referentials';
import { Client } from 'pg';
import { refillRollups, ROLLUP_TABLES } from '../apps/indicators/src/facts/daily-rollup';
import { launchChromium } from '../test/support/browser';
import { waitForRender } from '../test/support/dashboard-page';
import { machine, runBenchmark, startBenchService, startBenchStack } from './bench-stack';
import { writeYearOfFacts } from './dashboard-year';
import { slotWriteCost } from './rollup-write-cost';
import { statementTimes } from './pg-statements';

const VIEWS = [
  { name: 'region, week, charts by day (default view)', query: 'period=week' },
  { name: 'region, month, charts by week (a year of weeks)', query: 'period=month&granularity=week' },
  { name: 'Seine-Saint-Denis (93), week, charts by day', query: 'territory=93&period=week' },
  { name: 'Paris (75), month, charts by day', query: 'territory=75&period=month&granularity=day' },
];

async function main(args: string[]): Promise<number> {
  const options = parseArguments(args, { days: '366', runs: '5', reuse: 'false', timeline: 'false' });
  const days = Number(options.days);
  const runs = Number(options.runs);
  const stack = await startBenchStack('dashboard', { keep: options.reuse === 'true' });
  const indicators = await startBenchService('indicators');
  const browser = await launchChromium();
  const db = new Client({ connectionString: process.env.DATABASE_URL });
  await db.connect();
  try {
    process.stdout.write(`bench:dashboard — ${machine()}, load average ${loadAverage()} at start\n`);
    const today = utcToParisLocal(new Date()).date;
    const reused =
      options.reuse === 'true' && Number((await db.query('SELECT count(*) AS n FROM indicators.slot_fact')).rows[0].n) > 0;
    let started = Date.now();
    if (!reused) {
      const counts = await writeYearOfFacts(db, today, days);
      process.stdout.write(`${days} days of facts up to ${today} written in ${seconds(started)} s: ${JSON.stringify(counts)}\n`);
      started = Date.now();
      for (const statement of refillRollups('indicators')) await db.query(statement);
      await db.query(`ANALYZE ${ROLLUP_TABLES.map((t) => `indicators.${t}`).join(', ')}`);
    }
    const rollupRows: Record<string, number> = {};
    for (const table of ROLLUP_TABLES)
      rollupRows[table] = Number((await db.query(`SELECT count(*) AS n FROM indicators.${table}`)).rows[0].n);
    process.stdout.write(
      `${reused ? 'the previous run’s facts and rollups' : `rollups rebuilt from the facts in ${seconds(started)} s`}: ${JSON.stringify(rollupRows)}\n\n`,
    );
    // With SAS_POSTGRES_SETTINGS="shared_preload_libraries=pg_stat_statements": where the database's time goes.
    const statements = await statementTimes(process.env.DATABASE_URL!);
    const token = await signDevelopmentToken({ role: 'bi', subject: 'bench-dashboard' });
    process.stdout.write(
      '| view | first load (cold cache) | median of the next | drawn, by the page’s clock: first / median of the next | slowest API answer (median) | its path |\n|---|---|---|---|---|---|\n',
    );
    let worstCold = 0;
    for (const view of VIEWS) {
      const loads: number[] = [];
      // The page's own clock, from navigation to the view drawn (the loads above poll every 50 ms).
      const drawn: number[] = [];
      const slowestApi: { ms: number; path: string }[] = [];
      for (let run = 0; run <= runs; run++) {
        const page = await browser.context.newPage();
        // The first load of each view starts from an empty HTTP cache: scripts and referential included.
        if (run === 0) await (await browser.context.newCDPSession(page)).send('Network.clearBrowserCache');
        const api: { ms: number; path: string }[] = [];
        page.on('requestfinished', (request) => {
          const url = new URL(request.url());
          if (url.pathname.startsWith('/indicators'))
            api.push({
              ms: request.timing().responseEnd - request.timing().requestStart,
              path: `${url.pathname}?${url.searchParams.get('groupBy') ?? ''}`,
            });
        });
        const begun = Date.now();
        await page.goto(`${indicators.url}/dashboard?${view.query}&at=${today}#token=${token}`);
        await waitForRender(page, 0);
        loads.push(Date.now() - begun);
        drawn.push(Number(await page.evaluate(`performance.getEntriesByName('view-drawn').at(-1)?.startTime ?? NaN`)));
        if (run === 0 && options.timeline === 'true') await printTimeline(page);
        slowestApi.push(api.reduce((a, b) => (b.ms > a.ms ? b : a)));
        const failed = await page.locator('#status.error').count();
        if (failed) throw new Error(`${view.name}: ${await page.locator('#status').textContent()}`);
        await page.close();
      }
      const [cold, ...warm] = loads;
      worstCold = Math.max(worstCold, cold);
      const api = [...slowestApi].sort((a, b) => a.ms - b.ms);
      const median = api[Math.floor((api.length - 1) / 2)];
      process.stdout.write(
        `| ${view.name} | ${cold} ms | ${percentile(
          [...warm].sort((a, b) => a - b),
          50,
        )} ms | ${Math.round(drawn[0])} / ${Math.round(
          percentile(
            drawn.slice(1).sort((a, b) => a - b),
            50,
          ),
        )} ms | ${Math.round(median.ms)} ms | ${median.path} |\n`,
      );
    }
    process.stdout.write(`\nthe API alone (median of ${runs}, bi token, whole region):\n`);
    for (const [name, path] of apiCalls(today)) {
      const times: number[] = [];
      for (let run = 0; run < runs; run++) {
        const begun = performance.now();
        const res = await fetch(`${indicators.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
        await res.text();
        if (!res.ok) throw new Error(`${path}: ${res.status}`);
        times.push(performance.now() - begun);
      }
      process.stdout.write(
        `  ${name}: ${Math.round(
          percentile(
            times.sort((a, b) => a - b),
            50,
          ),
        )} ms\n`,
      );
    }
    for (const share of (await statements.top(8)) ?? [])
      process.stdout.write(`  ${share.calls} × ${share.meanMs} ms: ${share.statement}\n`);
    const cost = await slotWriteCost(db, today);
    process.stdout.write(
      `\nthe facts consumer's slot writes (500 new slots, then a revision of each, one transaction): median ${cost.on} ms with the rollup triggers, ${cost.off} ms without\n`,
    );
    process.stdout.write(
      `\nbudget (first view under 1 s): ${worstCold < 1000 ? 'met' : 'NOT met'} — slowest first load ${worstCold} ms; load average ${loadAverage()} at the end\n`,
    );
    return 0;
  } finally {
    await db.end();
    await browser.close();
    await indicators.stop();
    await stack.stop();
  }
}

/** The heaviest single requests: a year by week for the region, a month by commune (the map), a year by day. */
function apiCalls(today: string): [string, string][] {
  const yearAgo = new Date(Date.parse(today) - 364 * 86_400_000).toISOString().slice(0, 10);
  const monthStart = `${today.slice(0, 8)}01`;
  return [
    ['a year by week, groupBy=region', `/indicators?region=11&groupBy=region&granularity=week&from=${yearAgo}&to=${today}`],
    ['a year by day, groupBy=territory', `/indicators?region=11&groupBy=territory&granularity=day&from=${yearAgo}&to=${today}`],
    ['this month by commune (the map)', `/indicators?region=11&groupBy=commune&granularity=month&from=${monthStart}&to=${today}`],
    ['a year by month by commune', `/indicators?region=11&groupBy=commune&granularity=month&from=${yearAgo}&to=${today}`],
  ];
}

/** The first load's resources, from navigation: when each was asked for and when it ended. */
async function printTimeline(page: import('playwright-core').Page): Promise<void> {
  const entries = (await page.evaluate(`JSON.stringify([
    ...performance.getEntriesByType('navigation').map((e) => ['page', 0, e.responseEnd, e.domContentLoadedEventEnd]),
    ...performance.getEntriesByType('resource').map((e) => [e.name.replace(location.origin, '').slice(0, 90), e.startTime, e.responseEnd]),
    ...performance.getEntriesByType('mark').map((e) => ['mark ' + e.name, e.startTime, e.startTime]),
  ])`)) as string;
  for (const [name, start, end, extra] of JSON.parse(entries) as [string, number, number, number?][])
    process.stdout.write(
      `    ${Math.round(start)}–${Math.round(end)} ms${extra ? ` (DOMContentLoaded ${Math.round(extra)})` : ''} ${name}\n`,
    );
}

const seconds = (since: number) => ((Date.now() - since) / 1000).toFixed(1);
// eslint-disable-next-line @typescript-eslint/no-require-imports
const loadAverage = () => (require('node:os').loadavg() as number[]).map((l) => l.toFixed(1)).join(' / ');

runBenchmark(() => main(process.argv.slice(2)));
