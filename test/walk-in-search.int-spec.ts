import { AppModule as MatchingModule } from '../apps/matching/src/app.module';
import { useIsolatedEnvironment } from './support/isolated-environment';
import { Caller, eventually, RunningService, startService, waitUntilReady } from './support/running-service';
import { practitionerWithPlace, slotBody } from './support/scheduling-fixtures';
import { SchedulingModule } from './support/service-modules';
import { regulatorToken } from './support/tokens';

interface Result {
  slotId: string;
  capacity?: number;
  revision: number;
}

describe('a walk-in opening with a capacity, from scheduling to matching through Kafka', () => {
  let scheduling: RunningService;
  let matching: RunningService;
  let searcher: Caller;
  let booker: Caller;

  beforeAll(async () => {
    await useIsolatedEnvironment('walk-in-search');
    [scheduling, matching] = await Promise.all([
      startService('scheduling', SchedulingModule),
      startService('matching', MatchingModule),
    ]);
    await waitUntilReady(matching);
    const regulator = await regulatorToken(['92']);
    [searcher, booker] = [matching.as(regulator), scheduling.as(regulator)];
  });

  afterAll(async () => {
    await Promise.all([scheduling?.close(), matching?.close()]);
  });

  const found = async (slotId: string): Promise<Result | undefined> =>
    ((await searcher.get('/search').query({ lat: 48.8939, lon: 2.2879, limit: 100 }).expect(200)).body.results as Result[]).find(
      (r) => r.slotId === slotId,
    );

  it('stays in search with its capacity while places remain, and leaves it when full', async () => {
    const owner = await practitionerWithPlace(scheduling);
    const slotId = (
      await owner.practice
        .post('/slots')
        .send({ ...slotBody(owner, 90, 180), appointmentType: 'WALKIN', capacity: 2 })
        .expect(201)
    ).body.id as string;
    expect(await eventually(() => found(slotId), 30_000, 'the walk-in slot in search')).toMatchObject({ capacity: 2 });
    await booker.post('/appointments').send({ slotId }).expect(201);
    // Matching applies the slot-updated of the first booking (revision 2): the slot is still offered.
    await eventually(async () => ((await found(slotId))?.revision === 2 ? true : undefined), 10_000, 'the first booking applied');
    await booker.post('/appointments').send({ slotId }).expect(201);
    await eventually(async () => ((await found(slotId)) ? undefined : true), 10_000, 'the full walk-in slot to leave search');
  });
});
