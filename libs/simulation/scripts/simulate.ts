// npm run simulate -- --hours 24 --speed 60 [--scale 0.01] [--seed 1] [--region 11]
//                     [--regulators 50] [--booked-elsewhere 3] [--from-hour H]
//                     [--vendor-share 0..1] [--vendors 1]
// Simulates SAS calls against the running services (seed the region first: npm run seed).
// --speed max replays as fast as the system allows. Prints the run's figures and the
// indicators next to the simulation's own counts; exits 1 unless they agree exactly.
// --vendor-share: that share of the region's practitioners keeps its agenda at agenda
// vendors started here (seed the rest with the same --vendor-share: npm run seed); needs
// SAS_SIMULATION_VENDOR_SECRET, the same in npm start's environment (docs/vendor-booking.md).
import { serviceUrls } from '../src/api-client';
import { parseArguments } from '../src/arguments';
import { planRegion } from '../src/region-plan';
import { simulateDay } from '../src/simulate-day';
import { printReport, SIMULATION_DEFAULTS, simulationFrom } from '../src/simulation-report';
import { SIMULATION_VENDOR_SECRET_ENV } from '../src/vendor-sites';
import { vendorShareFrom } from '../src/vendor-share';
import { startVendorShare, VendorShareRun } from './vendor-deployments';

async function main(args: string[]) {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const values = parseArguments(args, SIMULATION_DEFAULTS);
  const options = simulationFrom(values);
  const { share, vendors } = vendorShareFrom(values);
  const urls = serviceUrls();
  let vendorShare: VendorShareRun | undefined;
  if (share > 0) {
    const secret = process.env[SIMULATION_VENDOR_SECRET_ENV];
    if (!secret)
      throw new Error(
        `--vendor-share needs ${SIMULATION_VENDOR_SECRET_ENV}, the same value in this shell and in npm start's environment`,
      );
    const plan = planRegion({ region: options.region, scale: options.scale, seed: options.seed });
    vendorShare = await startVendorShare(urls, plan, {
      share,
      vendors,
      secret,
      env: {
        DATABASE_URL: process.env.DATABASE_URL ?? `postgres://sas:sas@localhost:${process.env.SAS_POSTGRES_PORT ?? 5433}/sas`,
        KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? `localhost:${process.env.SAS_KAFKA_PORT ?? 9092}`,
        LOG_LEVEL: 'error',
      },
    });
    out(`agenda vendors: ${JSON.stringify(vendorShare.report)}`);
  }
  try {
    const report = await simulateDay(urls, { ...options, log: out, vendors: vendorShare?.desk });
    printReport(report, out);
    if (!report.indicatorsAgree || !report.territories.agree || report.errors.length) process.exitCode = 1;
  } finally {
    await vendorShare?.close();
  }
}

main(process.argv.slice(2)).then(
  () => process.exit(),
  (error) => {
    process.stderr.write(`simulation failed: ${(error as Error).stack}\n`);
    process.exit(1);
  },
);
