import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useIsolatedEnvironment } from '../../../../test/support/isolated-environment';
import { Caller, eventually, RunningService, startService, waitUntilReady } from '../../../../test/support/running-service';
import { practitionerWithPlace, slotBody } from '../../../../test/support/scheduling-fixtures';
import { regulatorToken } from '../../../../test/support/tokens';
import { SchedulingModule } from '../../../../test/support/service-modules';
import { AppModule as MatchingModule } from '../app.module';
import { IndexFeed } from '../index/index-feed';
import { SlotIndex } from '../index/slot-index';
import { decodeSnapshot } from './snapshot-format';

type Result = { slotId: string; weeklyLoad: number; atWeeklyCap: boolean };

describe('matching restarting from a snapshot (real Kafka, fed by scheduling)', () => {
  let scheduling: RunningService;
  let matching: RunningService;
  let regulator: string;
  let booker: Caller;
  let directory: string;
  const near = { lat: 48.8939, lon: 2.2879 };

  beforeAll(async () => {
    await useIsolatedEnvironment('snapshots');
    directory = await mkdtemp(join(tmpdir(), 'sas-matching-snapshots-'));
    process.env.MATCHING_SNAPSHOT_DIR = directory;
    [scheduling, matching] = await Promise.all([
      startService('scheduling', SchedulingModule),
      startService('matching', MatchingModule),
    ]);
    await waitUntilReady(matching);
    regulator = await regulatorToken(['92']);
    booker = scheduling.as(regulator);
  });

  afterAll(async () => {
    delete process.env.MATCHING_SNAPSHOT_DIR;
    await Promise.all([scheduling?.close(), matching?.close()]);
    await rm(directory, { recursive: true, force: true });
  });

  const search = async (service: RunningService): Promise<Result[]> =>
    (
      (
        await service
          .as(regulator)
          .get('/search')
          .query({ ...near, limit: 100 })
          .expect(200)
      ).body.results as Result[]
    )
      .map(({ slotId, weeklyLoad, atWeeklyCap }) => ({ slotId, weeklyLoad, atWeeklyCap }))
      .sort((a, b) => a.slotId.localeCompare(b.slotId));
  /** Events the replica's consumer has read since it started. */
  const read = (service: RunningService) => {
    const { handled, duplicates, ignored } = service.app.get(IndexFeed).consumer.stats;
    return handled + duplicates + ignored;
  };
  const readiness = async (service: RunningService) => (await service.http.get('/health/ready').expect(200)).body.details.index;

  it('starts from the snapshot written at shutdown, applies what came after, and answers as a full replay', async () => {
    const owner = await practitionerWithPlace(scheduling);
    const ids: string[] = [];
    for (const inMinutes of [120, 150, 180])
      ids.push((await owner.practice.post('/slots').send(slotBody(owner, inMinutes)).expect(201)).body.id);
    await booker.post('/appointments').send({ slotId: ids[0] }).expect(201);
    await eventually(
      async () => {
        const found = (await search(matching)).map((r) => r.slotId);
        return found.includes(ids[2]) && !found.includes(ids[0]) ? true : undefined;
      },
      10_000,
      'the slots and the booking in search',
    );

    await matching.close();
    expect((await stat(join(directory, 'matching-index.snapshot'))).size).toBeGreaterThan(0);
    // While matching is down: one more slot, and another booking.
    ids.push((await owner.practice.post('/slots').send(slotBody(owner, 210)).expect(201)).body.id);
    await booker.post('/appointments').send({ slotId: ids[1] }).expect(201);

    matching = await startService('matching', MatchingModule);
    await waitUntilReady(matching);
    const index = await readiness(matching);
    expect(index.restoredSnapshot).toEqual(expect.objectContaining({ slots: expect.any(Number), takenAt: expect.any(String) }));
    const restored = await eventually(
      async () => {
        const results = await search(matching);
        const found = results.map((r) => r.slotId);
        return found.includes(ids[3]) && !found.includes(ids[1]) ? results : undefined;
      },
      10_000,
      'the events after the snapshot in search',
    );
    expect(restored.map((r) => r.slotId)).not.toContain(ids[0]);
    expect(restored.find((r) => r.slotId === ids[2])?.weeklyLoad).toBe(2);

    // The same answers as a replica that replays the topics from the beginning.
    delete process.env.MATCHING_SNAPSHOT_DIR;
    const replayed = await startService('matching', MatchingModule);
    try {
      await waitUntilReady(replayed);
      expect((await readiness(replayed)).restoredSnapshot).toBeUndefined();
      expect(await search(replayed)).toEqual(await search(matching));
      // The restored replica read only what came after its snapshot.
      expect(read(matching)).toBeLessThan(read(replayed));
      expect(read(matching)).toBeLessThanOrEqual(4);
    } finally {
      process.env.MATCHING_SNAPSHOT_DIR = directory;
      await replayed.close();
    }
  });

  it('ignores a damaged snapshot and replays the topics instead', async () => {
    const before = await search(matching);
    await matching.close();
    await writeFile(join(directory, 'matching-index.snapshot'), 'not a snapshot');
    matching = await startService('matching', MatchingModule);
    await waitUntilReady(matching);
    expect((await readiness(matching)).restoredSnapshot).toBeUndefined();
    expect(await search(matching)).toEqual(before);
  });

  it('takes snapshots as it goes, between batches, that hold what it had read', async () => {
    await matching.close();
    process.env.MATCHING_SNAPSHOT_EVERY_SECONDS = '0';
    try {
      matching = await startService('matching', MatchingModule);
      await waitUntilReady(matching);
      const owner = await practitionerWithPlace(scheduling);
      const slotId = (await owner.practice.post('/slots').send(slotBody(owner, 240)).expect(201)).body.id;
      const file = join(directory, 'matching-index.snapshot');
      // Without stopping: a snapshot taken after the batch that brought the slot.
      const index = await eventually(
        async () => {
          const restored = new SlotIndex();
          restored.importRows(decodeSnapshot(await readFile(file)).index);
          return restored.filter({ from: new Date(), to: new Date(Date.now() + 48 * 3600_000) }).some((s) => s.slotId === slotId)
            ? restored
            : undefined;
        },
        15_000,
        'a snapshot holding the new slot',
      );
      expect(index.size).toBe((await readiness(matching)).slots);
    } finally {
      delete process.env.MATCHING_SNAPSHOT_EVERY_SECONDS;
    }
  });
});
