import { AppModule as IndicatorsModule } from '../../apps/indicators/src/app.module';
import { AppModule as MatchingModule } from '../../apps/matching/src/app.module';
import { AppModule as OrientationModule } from '../../apps/orientation/src/app.module';
import { AppModule as SchedulingModule } from '../../apps/scheduling/src/app.module';
import { RunningService, startService, waitUntilReady } from './running-service';

export type Service = 'scheduling' | 'matching' | 'orientation' | 'indicators';

/**
 * The four services in this process, ready: orientation starts last, told where
 * scheduling and matching answer (SCHEDULING_URL, MATCHING_URL).
 */
export async function startAllServices(): Promise<Record<Service, RunningService>> {
  const [scheduling, matching, indicators] = await Promise.all([
    startService('scheduling', SchedulingModule),
    startService('matching', MatchingModule),
    startService('indicators', IndicatorsModule),
  ]);
  process.env.SCHEDULING_URL = await scheduling.app.getUrl();
  process.env.MATCHING_URL = await matching.app.getUrl();
  const orientation = await startService('orientation', OrientationModule);
  const services = { scheduling, matching, orientation, indicators };
  await Promise.all(Object.values(services).map((s) => waitUntilReady(s)));
  return services;
}
