// npm run bench:dashboard — [--slots-per-day 20000] [--calls-per-day 3000] [--practitioners 12000] [--runs 5]
// The steering dashboard's first view over a year of Île-de-France figures: a private
// PostgreSQL and Kafka, the indicators service as its own process (as `npm start` runs it),
// a year of facts written into its tables, then the page loaded in Debian's headless
// Chromium, timed from navigation to the last figure drawn. Budget: under 1 s on localhost.
import { signDevelopmentToken } from '@sas/auth';
import { parseArguments, percentile } from '@sas/simulation';
import { utcToParisLocal } from '@sas/referentials';
import { launchChromium } from '../test/support/browser';
import { waitForRender } from '../test/support/dashboard-page';
import { machine, runBenchmark, startBenchService, startBenchStack } from './bench-stack';
import { writeYearOfFacts } from './dashboard-year';
import { statementTimes } from './pg-statements';

const VIEWS = [
  { name: 'region, week (default view)', query: 'period=week' },
  { name: 'region, month by week', query: 'period=month&granularity=week' },
  { name: 'Paris (75), month by day', query: 'territory=75&period=month&granularity=day' },
];

async function main(args: string[]): Promise<number> {
  const options = parseArguments(args, { 'slots-per-day': '20000', 'calls-per-day': '3000', practitioners: '12000', runs: '5' });
  const volume = {
    days: 366,
    slotsPerDay: Number(options['slots-per-day']),
    callsPerDay: Number(options['calls-per-day']),
    practitioners: Number(options.practitioners),
  };
  const runs = Number(options.runs);
  const stack = await startBenchStack('dashboard');
  const indicators = await startBenchService('indicators');
  const browser = await launchChromium();
  try {
    process.stdout.write(`bench:dashboard — ${machine()}\n`);
    const today = utcToParisLocal(new Date()).date;
    const filling = Date.now();
    const counts = await writeYearOfFacts(process.env.DATABASE_URL!, today, volume);
    process.stdout.write(
      `a year of facts up to ${today} written in ${((Date.now() - filling) / 1000).toFixed(0)} s: ${JSON.stringify(counts)}\n\n`,
    );
    // With SAS_POSTGRES_SETTINGS="shared_preload_libraries=pg_stat_statements": where the database's time goes.
    const statements = await statementTimes(process.env.DATABASE_URL!);
    const token = await signDevelopmentToken({ role: 'bi', subject: 'bench-dashboard' });
    process.stdout.write(
      '| view | first load (cold cache) | median of the next | slowest API answer (median) |\n|---|---|---|---|\n',
    );
    let worstCold = 0;
    for (const view of VIEWS) {
      const loads: number[] = [];
      const slowestApi: number[] = [];
      for (let run = 0; run <= runs; run++) {
        const page = await browser.context.newPage();
        // The first load of each view starts from an empty HTTP cache: scripts and referential included.
        if (run === 0) await (await browser.context.newCDPSession(page)).send('Network.clearBrowserCache');
        const api: number[] = [];
        page.on('requestfinished', (request) => {
          if (new URL(request.url()).pathname.startsWith('/indicators')) api.push(request.timing().responseEnd);
        });
        const started = Date.now();
        await page.goto(`${indicators.url}/dashboard?${view.query}&at=${today}#token=${token}`);
        await waitForRender(page, 0);
        loads.push(Date.now() - started);
        slowestApi.push(Math.max(...api));
        const failed = await page.locator('#status.error').count();
        if (failed) throw new Error(`${view.name}: ${await page.locator('#status').textContent()}`);
        await page.close();
      }
      const [cold, ...warm] = loads;
      worstCold = Math.max(worstCold, cold);
      const sorted = [...warm].sort((a, b) => a - b);
      const api = [...slowestApi].sort((a, b) => a - b);
      process.stdout.write(
        `| ${view.name} | ${cold} ms | ${percentile(sorted, 50)} ms | ${Math.round(percentile(api, 50))} ms |\n`,
      );
    }
    for (const share of (await statements.top(8)) ?? [])
      process.stdout.write(`  ${share.calls} × ${share.meanMs} ms: ${share.statement}\n`);
    process.stdout.write(
      `\nbudget (first view under 1 s): ${worstCold < 1000 ? 'met' : 'NOT met'} — slowest first load ${worstCold} ms\n`,
    );
    return 0;
  } finally {
    await browser.close();
    await indicators.stop();
    await stack.stop();
  }
}

runBenchmark(() => main(process.argv.slice(2)));
