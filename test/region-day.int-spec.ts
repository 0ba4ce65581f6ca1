import { planRegion, seedRegion, serviceUrls, simulateDay, waitUntilIndexed } from '@sas/simulation';
import { AppModule as IndicatorsModule } from '../apps/indicators/src/app.module';
import { AppModule as MatchingModule } from '../apps/matching/src/app.module';
import { AppModule as OrientationModule } from '../apps/orientation/src/app.module';
import { AppModule as SchedulingModule } from '../apps/scheduling/src/app.module';
import { useIsolatedEnvironment } from './support/isolated-environment';
import { RunningService, startService, waitUntilReady } from './support/running-service';
import { adminToken } from './support/tokens';

/**
 * A small region seeded through the real APIs, then hours of SAS calls simulated through
 * the four real services: every call is regulated, and the indicators end up equal to
 * the simulation's own counts.
 */
describe('a simulated SAS day over a seeded region', () => {
  const services: RunningService[] = [];
  const URL_VARIABLES = ['SCHEDULING_URL', 'MATCHING_URL', 'ORIENTATION_URL', 'INDICATORS_URL'];

  beforeAll(async () => {
    await useIsolatedEnvironment('regionday');
    const [scheduling, matching, indicators] = await Promise.all([
      startService('scheduling', SchedulingModule),
      startService('matching', MatchingModule),
      startService('indicators', IndicatorsModule),
    ]);
    process.env.SCHEDULING_URL = await scheduling.app.getUrl();
    process.env.MATCHING_URL = await matching.app.getUrl();
    process.env.INDICATORS_URL = await indicators.app.getUrl();
    const orientation = await startService('orientation', OrientationModule);
    process.env.ORIENTATION_URL = await orientation.app.getUrl();
    services.push(scheduling, matching, indicators, orientation);
    await Promise.all(services.map((s) => waitUntilReady(s)));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(services.map((s) => s.close()));
    for (const name of URL_VARIABLES) delete process.env[name];
  });

  it('seeds the region deterministically through the APIs, and matching indexes every slot', async () => {
    const plan = planRegion({ region: '11', scale: 0.002, seed: 3 });
    const report = await seedRegion(plan, serviceUrls(), { concurrency: 4, progress: false });
    expect(report).toMatchObject({ practitioners: plan.practitioners.length, structures: plan.structures.length });
    expect(report.rules).toBe([...plan.practitioners, ...plan.structures].reduce((n, p) => n + p.rules.length, 0));
    expect(report.slotsCreated).toBeGreaterThan(1000);
    await waitUntilIndexed(serviceUrls(), await adminToken(), 60_000);
  }, 240_000);

  // More regulators than orientation's 10 pooled connections: a step that took a second connection
  // while holding one (the regulator's account, read outside the step's transaction) starved the pool.
  it('regulates every call of a simulated day and the indicators agree exactly with its counts', async () => {
    const report = await simulateDay(serviceUrls(), {
      region: '11',
      scale: 0.002,
      seed: 3,
      hours: 24,
      speed: Infinity,
      regulators: 24,
      bookedElsewherePerCall: 2,
      settleMs: 60_000,
    });
    expect(report.errors).toEqual([]);
    expect(report.calls).toBeGreaterThan(0);
    expect(Object.values(report.outcomes).reduce((a, b) => a + b, 0)).toBe(report.calls);
    expect(report.indicators.find((a) => a.name === 'orientations_total')!.expected).toBe(report.calls);
    expect(report.indicatorsAgree).toBe(true);
    // Part of the practices reported their day's outcomes in one list, and the counts still agree.
    expect(report.outcomeLists).toBeGreaterThan(0);
  }, 240_000);
});
