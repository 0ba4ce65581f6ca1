import { AppModule as IndicatorsModule } from '../../apps/indicators/src/app.module';
import { AppModule as MatchingModule } from '../../apps/matching/src/app.module';
import { AppModule as OrientationModule } from '../../apps/orientation/src/app.module';
import { AppModule as SchedulingModule } from '../../apps/scheduling/src/app.module';
import { RunningService, startService, waitUntilReady } from './running-service';

export type Service = 'scheduling' | 'matching' | 'orientation' | 'indicators';

/**
 * The booking chain in this process, ready: scheduling and matching, then orientation told
 * where they answer (SCHEDULING_URL, MATCHING_URL).
 */
export async function startBookingChain(): Promise<Record<Exclude<Service, 'indicators'>, RunningService>> {
  const [scheduling, matching] = await Promise.all([
    startService('scheduling', SchedulingModule),
    startService('matching', MatchingModule),
  ]);
  process.env.SCHEDULING_URL = await scheduling.app.getUrl();
  process.env.MATCHING_URL = await matching.app.getUrl();
  const orientation = await startService('orientation', OrientationModule);
  await Promise.all([scheduling, matching, orientation].map((s) => waitUntilReady(s)));
  return { scheduling, matching, orientation };
}

/** The four services in this process, ready: the booking chain and indicators. */
export async function startAllServices(): Promise<Record<Service, RunningService>> {
  const [chain, indicators] = await Promise.all([startBookingChain(), startService('indicators', IndicatorsModule)]);
  await waitUntilReady(indicators);
  return { ...chain, indicators };
}
