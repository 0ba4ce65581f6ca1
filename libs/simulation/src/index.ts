// The simulated region: a deterministic generator of practices and structures, its
// publication through the real APIs, and a simulated SAS day checked against the indicators.

/** planRegion({ region, scale, seed }): practitioners, structures and their opening rules. */
export { planRegion } from './region-plan';
export type { PractitionerPlan, RegionPlan, StructurePlan } from './region-plan';

/** seedRegion(plan, urls): publishes a plan through the scheduling API. */
export { seedRegion } from './seed-region';
export type { SeedReport } from './seed-region';

/** simulateDay(urls, options): SAS calls through the real services, checked against the indicators. */
export { simulateDay } from './simulate-day';
export type { SimulationOptions, SimulationReport } from './simulate-day';

/** printReport / simulationOptions: the command-line face of a simulation. */
export { printReport, SIMULATION_DEFAULTS, simulationFrom, simulationOptions } from './simulation-report';
export { parseArguments, positiveNumber } from './arguments';

/** serviceUrls(): where the four services answer; waitUntilIndexed: outbox drained and matching caught up. */
export { serviceUrls } from './api-client';
export { scrapeTotals, waitUntilCaughtUp, waitUntilIndexed } from './metrics-scrape';

/** percentile(sorted, p): nearest-rank percentile, as every benchmark reports them. */
export { percentile } from './latency-log';

/** seededRandom(seed), mulberry32(seed), regionCommunes(region), communeDraw(communes, random): the building blocks, for benchmarks. */
export { mulberry32, seededRandom } from './random';
export { communeDraw, regionCommunes } from './region-communes';

/** splitForVendors / openVendorShare: part of the region behind agenda vendors (`--vendor-share`), and the desk that plays them. */
export { simulatedVendorId, splitForVendors, vendorShareFrom } from './vendor-share';
export type { VendorPart, VendorSplit } from './vendor-share';
export { openVendorShare, SIMULATION_VENDOR_SECRET_ENV } from './vendor-sites';
export type { RunningVendorShare, VendorShareReport } from './vendor-sites';
export type { VendorCounts, VendorDesk, VendorSite } from './vendor-desk';

/** reportsInBulk(owner): whether a practice is of the stable share that reports its day's outcomes in one list. */
export { reportsInBulk } from './daily-outcome-reports';
