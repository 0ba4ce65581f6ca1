// npm run simulate -- --hours 24 --speed 60 [--scale 0.01] [--seed 1] [--region 11]
//                     [--regulators 50] [--booked-elsewhere 3] [--from-hour H]
// Simulates SAS calls against the running services (seed the region first: npm run seed).
// --speed max replays as fast as the system allows. Prints the run's figures and the
// indicators next to the simulation's own counts; exits 1 unless they agree exactly.
import { serviceUrls } from '../src/api-client';
import { simulateDay } from '../src/simulate-day';
import { printReport, simulationOptions } from '../src/simulation-report';

async function main(args: string[]) {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const report = await simulateDay(serviceUrls(), { ...simulationOptions(args), log: out });
  printReport(report, out);
  if (!report.indicatorsAgree || report.errors.length) process.exit(1);
}

main(process.argv.slice(2)).catch((error) => {
  process.stderr.write(`simulation failed: ${(error as Error).stack}\n`);
  process.exit(1);
});
