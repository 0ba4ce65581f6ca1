// npm run bench:day -- [--scale 1] [--hours 24] [--from-hour H] [--regulators 50] [--horizon-days 14] [--seed 1]
// The headline benchmark: a private Kafka and PostgreSQL, the four services as their own
// processes (as `npm start` runs them), the region seeded through the APIs, then a SAS
// day replayed as fast as the system allows. Reports seeding, calls per second, search
// and booking latency, slot churn, maximum consumer lag, the speed-up over real time, and
// whether the indicators agree with the simulation's counts.
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
  waitUntilCaughtUp,
  waitUntilIndexed,
} from '@sas/simulation';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { machine, runBenchmark, startBenchStack } from './bench-stack';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { freePort } = require('../infra/lib/ports');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { SERVICES, spawnService, waitReady, stopService } = require('../infra/lib/services');

async function main(args: string[]): Promise<number> {
  // The simulation's options but its speed (as fast as it goes) and region (Île-de-France), and the seeding's horizon.
  const { speed: _speed, region: _region, ...shared } = SIMULATION_DEFAULTS;
  const options = parseArguments(args, { ...shared, scale: '1', 'horizon-days': '14' });
  const simulation = simulationFrom({ ...options, speed: 'max', region: '11' });
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
  };
  const services = SERVICES.map((s: { name: string }) => spawnService({ name: s.name, port: ports[s.name] }, env));
  try {
    await Promise.all(services.map((s: unknown) => waitReady(s)));
    const plan = planRegion({ region: simulation.region, scale: simulation.scale, seed: simulation.seed });
    process.stdout.write(
      `bench:day — ${machine()}\nregion 11 at scale ${simulation.scale}: ${plan.practitioners.length} practitioners, ${plan.structures.length} structures, horizon ${options['horizon-days']} days\n`,
    );
    const seeded = await seedRegion(plan, serviceUrls(), { concurrency: 8 });
    const admin = await signDevelopmentToken({ role: 'admin', subject: 'bench' });
    const indexedAfter = await waitUntilIndexed(serviceUrls(), admin, 60 * 60_000);
    // The day starts once the indicators too have taken in the seeding's events.
    const indicatorsAfter = indexedAfter + (await waitUntilCaughtUp(serviceUrls().indicators, admin, 60 * 60_000));
    process.stdout.write(
      `seeded: ${JSON.stringify({ ...seeded, indexedSecondsAfterLastPublication: +indexedAfter.toFixed(1), indicatorsCaughtUpSecondsAfterLastPublication: +indicatorsAfter.toFixed(1) })}\n`,
    );
    const report = await simulateDay(serviceUrls(), {
      ...simulation,
      settleMs: 300_000,
      log: (line) => process.stdout.write(`${line}\n`),
    });
    printReport(report, (line) => process.stdout.write(`${line}\n`));
    return report.indicatorsAgree && report.errors.length === 0 ? 0 : 1;
  } finally {
    await Promise.all(services.map((s: unknown) => stopService(s)));
    await stack.stop();
  }
}

runBenchmark(() => main(process.argv.slice(2)));
