// npm run seed -- --region 11 --scale 1.0 [--seed 1] [--concurrency 8] [--wait true] [--vendor-share 0..1 --vendors 1]
// Publishes a generated region (practitioners, structures, places, opening rules) through
// the running services' APIs, then waits until matching has indexed every slot.
// --vendor-share leaves out the practitioners whose agendas `npm run simulate` with the
// same --vendor-share places at agenda vendors.
import { signDevelopmentToken } from '@sas/auth';
import { serviceUrls } from '../src/api-client';
import { waitUntilIndexed } from '../src/metrics-scrape';
import { planRegion } from '../src/region-plan';
import { seedRegion } from '../src/seed-region';
import { parseArguments, positiveNumber } from '../src/arguments';
import { splitForVendors, vendorShareFrom } from '../src/vendor-share';

async function main(args: string[]) {
  const options = parseArguments(args, {
    region: '11',
    scale: '0.01',
    seed: '1',
    concurrency: '8',
    wait: 'true',
    'vendor-share': '0',
    vendors: '1',
  });
  const { share, vendors } = vendorShareFrom(options);
  const whole = planRegion({
    region: options.region,
    scale: positiveNumber(options, 'scale'),
    seed: positiveNumber(options, 'seed'),
  });
  const plan = splitForVendors(whole, share, vendors).ours;
  if (share > 0)
    process.stdout.write(
      `${whole.practitioners.length - plan.practitioners.length} practitioners left to agenda vendors (--vendor-share ${share})\n`,
    );
  process.stdout.write(
    `region ${plan.region}: ${plan.communes.length} communes, ${plan.population.toLocaleString('en')} inhabitants; scale ${plan.scale}: ` +
      `${plan.practitioners.length} practitioners (${plan.practitioners.filter((p) => p.sasParticipant).length} SAS participants), ${plan.structures.length} structures\n`,
  );
  const urls = serviceUrls();
  const report = await seedRegion(plan, urls, { concurrency: positiveNumber(options, 'concurrency') });
  process.stdout.write(
    `published ${report.rules} opening rules → ${report.slotsCreated} slots in ${report.seconds} s (${report.slotsPerSecond} slots/s)\n`,
  );
  if (options.wait === 'true') {
    const seconds = await waitUntilIndexed(urls, await signDevelopmentToken({ role: 'admin', subject: 'seed' }));
    process.stdout.write(`matching indexed everything ${seconds.toFixed(1)} s after the last publication\n`);
  }
}

main(process.argv.slice(2)).catch((error) => {
  process.stderr.write(`seed failed: ${(error as Error).message}\n`);
  process.exit(1);
});
