// npm run bench:day -- [--scale 1] [--hours 24] [--from-hour H] [--regulators 50] [--horizon-days 14] [--seed 1]
//                      [--vendor-share 0..1] [--vendors 1]
// The headline benchmark: a private Kafka and PostgreSQL, the four services as their own
// processes (as `npm start` runs them), the region seeded through the APIs, then a SAS
// day replayed as fast as the system allows. Reports seeding, calls per second, search
// and booking latency, slot churn, maximum consumer lag, the speed-up over real time, and
// whether the indicators agree with the simulation's counts. --vendor-share puts that share
// of the practitioners at agenda vendors (a scheduling process each) that scheduling pulls;
// their slots are handed over, booked at the vendor and reported back (INT_R03).
import { signDevelopmentToken } from '@sas/auth';
import {
  parseArguments,
  planRegion,
  printReport,
  seedRegion,
  serviceUrls,
  SIMULATION_DEFAULTS,
  simulateDay,
  simulationFrom,
  SIMULATION_VENDOR_SECRET_ENV,
  splitForVendors,
  vendorShareFrom,
  waitUntilCaughtUp,
  waitUntilIndexed,
} from '@sas/simulation';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { machine, runBenchmark, startBenchStack } from './bench-stack';
import { startVendorShare, VendorShareRun } from '../libs/simulation/scripts/vendor-deployments';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { freePort } = require('../infra/lib/ports');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { SERVICES, spawnService, waitReady, stopService } = require('../infra/lib/services');

async function main(args: string[]): Promise<number> {
  // The simulation's options but its speed (as fast as it goes) and region (Île-de-France), and the seeding's horizon.
  const { speed: _speed, region: _region, ...shared } = SIMULATION_DEFAULTS;
  const options = parseArguments(args, { ...shared, scale: '1', 'horizon-days': '14' });
  const simulation = simulationFrom({ ...options, speed: 'max', region: '11' });
  const vendorShare = vendorShareFrom(options);
  const vendorSecret = randomBytes(24).toString('base64url');
  const stack = await startBenchStack('day');
  const root = join(__dirname, '..');
  if (
    spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
      cwd: root,
      stdio: 'inherit',
    }).status !== 0
  )
    throw new Error('build failed');
  const ports: Record<string, number> = {};
  for (const s of SERVICES) ports[s.name] = await freePort();
  const urls = Object.fromEntries(
    SERVICES.map((s: { name: string }) => [`${s.name.toUpperCase()}_URL`, `http://localhost:${ports[s.name]}`]),
  );
  Object.assign(process.env, urls);
  const env = {
    ...urls,
    KAFKA_BROKERS: process.env.KAFKA_BROKERS,
    DATABASE_URL: process.env.DATABASE_URL,
    LOG_LEVEL: 'error',
    OPENING_RULE_HORIZON_DAYS: options['horizon-days'],
    [SIMULATION_VENDOR_SECRET_ENV]: vendorSecret,
  };
  const services = SERVICES.map((s: { name: string }) => spawnService({ name: s.name, port: ports[s.name] }, env));
  let vendors: VendorShareRun | undefined;
  try {
    await Promise.all(services.map((s: unknown) => waitReady(s)));
    const plan = planRegion({ region: simulation.region, scale: simulation.scale, seed: simulation.seed });
    process.stdout.write(
      `bench:day — ${machine()}\nregion 11 at scale ${simulation.scale}: ${plan.practitioners.length} practitioners, ${plan.structures.length} structures, horizon ${options['horizon-days']} days\n`,
    );
    // The vendors' part is published to them once ours is in, then pulled (`seeded` counts ours only).
    const ours = splitForVendors(plan, vendorShare.share, vendorShare.vendors).ours;
    const seeded = await seedRegion(ours, serviceUrls(), { concurrency: 8 });
    const admin = await signDevelopmentToken({ role: 'admin', subject: 'bench' });
    const indexedAfter = await waitUntilIndexed(serviceUrls(), admin, 60 * 60_000);
    // The day starts once the indicators too have taken in the seeding's events.
    const indicatorsAfter = indexedAfter + (await waitUntilCaughtUp(serviceUrls().indicators, admin, 60 * 60_000));
    process.stdout.write(
      `seeded: ${JSON.stringify({ ...seeded, indexedSecondsAfterLastPublication: +indexedAfter.toFixed(1), indicatorsCaughtUpSecondsAfterLastPublication: +indicatorsAfter.toFixed(1) })}\n`,
    );
    if (vendorShare.share > 0) {
      vendors = await startVendorShare(serviceUrls(), plan, {
        ...vendorShare,
        secret: vendorSecret,
        env: {
          KAFKA_BROKERS: process.env.KAFKA_BROKERS!,
          DATABASE_URL: process.env.DATABASE_URL!,
          LOG_LEVEL: 'error',
          OPENING_RULE_HORIZON_DAYS: options['horizon-days'],
        },
      });
      const lag = await waitUntilCaughtUp(serviceUrls().indicators, admin, 60 * 60_000);
      process.stdout.write(
        `agenda vendors: ${JSON.stringify({ ...vendors.report, indicatorsCaughtUpSecondsAfter: +lag.toFixed(1) })}\n`,
      );
    }
    const report = await simulateDay(serviceUrls(), {
      ...simulation,
      settleMs: 300_000,
      vendors: vendors?.desk,
      log: (line) => process.stdout.write(`${line}\n`),
    });
    printReport(report, (line) => process.stdout.write(`${line}\n`));
    return report.indicatorsAgree && report.territories.agree && report.errors.length === 0 ? 0 : 1;
  } finally {
    await vendors?.close();
    await Promise.all(services.map((s: unknown) => stopService(s)));
    await stack.stop();
  }
}

runBenchmark(() => main(process.argv.slice(2)));
