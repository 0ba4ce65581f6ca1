import {
  buildEnvelope,
  deadLetterTopic,
  fromKafkaRecord,
  SlotPublished,
  toKafkaRecord,
  Topics,
  validatePayload,
} from '@sas/contracts';
import { randomUUID } from 'node:crypto';
import { EventConsumers } from '@sas/messaging';
import { DataSource } from 'typeorm';
import { AppModule as IndicatorsModule } from '../apps/indicators/src/app.module';
import { EVENT_COUNTS_GROUP } from '../apps/indicators/src/event-counts/event-counts.consumer';
import { IndexFeed } from '../apps/matching/src/index/index-feed';
import { AppModule as MatchingModule } from '../apps/matching/src/app.module';
import { AppModule as SchedulingModule } from '../apps/scheduling/src/app.module';
import { useIsolatedEnvironment } from './support/isolated-environment';
import { Caller, eventually, RunningService, startService, waitUntilReady } from './support/running-service';
import { practitionerWithPlace, slotBody } from './support/scheduling-fixtures';
import { biToken, regulatorToken } from './support/tokens';
import { produceRaw, TopicReader } from './support/topic-reader';

const inOneHour = () => new Date(Date.now() + 3600_000);

/** A slot-published event made by hand, as scheduling would make it. */
function handMadeSlotEvent(id = randomUUID(), time?: Date) {
  const start = inOneHour();
  const envelope = buildEnvelope(
    SlotPublished,
    {
      slotId: randomUUID(),
      ownerId: randomUUID(),
      practitioner: { system: 'RPPS', value: '10009999999' },
      profession: 'general-practitioner',
      specialties: ['SM54'],
      place: { placeId: randomUUID(), communeCode: '92044' },
      start: start.toISOString(),
      end: new Date(start.getTime() + 15 * 60_000).toISOString(),
      visibility: ['SNP'],
      modes: ['AMB'],
      appointmentType: 'ROUTINE',
      acceptsBeyondSlots: false,
      revision: 1,
    },
    { source: '/sas/test', id, time },
  );
  return { envelope, record: toKafkaRecord(envelope) };
}

describe('walking skeleton: scheduling → Kafka → matching and indicators', () => {
  let prefix: string;
  let scheduling: RunningService;
  let matching: RunningService;
  let indicators: RunningService;
  let reader: TopicReader;
  let slotRequest: () => ReturnType<typeof slotBody>;
  let practice: Caller;
  let searcher: Caller;

  beforeAll(async () => {
    ({ topicPrefix: prefix } = await useIsolatedEnvironment('skeleton'));
    reader = await TopicReader.open([prefix + Topics.slots, prefix + deadLetterTopic('matching')]);
    [scheduling, matching, indicators] = await Promise.all([
      startService('scheduling', SchedulingModule),
      startService('matching', MatchingModule),
      startService('indicators', IndicatorsModule),
    ]);
    await Promise.all([waitUntilReady(scheduling), waitUntilReady(matching), waitUntilReady(indicators)]);
    const owner = await practitionerWithPlace(scheduling, '92044');
    let minutes = 60;
    slotRequest = () => ({ ...slotBody(owner, (minutes += 30)), modes: ['AMB'] });
    practice = owner.practice;
    searcher = matching.as(await regulatorToken(['92']));
  });

  afterAll(async () => {
    await Promise.all([scheduling?.close(), matching?.close(), indicators?.close(), reader?.close()]);
  });

  it('publishes a created slot on Kafka within 5 s in a valid CloudEvents envelope, and matching finds it', async () => {
    const created = await practice.post('/slots').send(slotRequest()).expect(201);
    const slotId: string = created.body.id;

    const seen = await eventually(async () => reader.withHeader('ce_subject', slotId)[0], 5000, 'slot-published on Kafka');
    const envelope = fromKafkaRecord(seen.message);
    expect(envelope).toMatchObject({ type: 'fr.sas.slot-published.v1', source: '/sas/scheduling', subject: slotId });
    expect(validatePayload(SlotPublished, envelope.data)).toEqual([]);

    const found = await eventually(
      async () => {
        const res = await searcher.get('/search').query({ commune: '92044' }).expect(200);
        return res.body.results.find((s: { slotId: string }) => s.slotId === slotId);
      },
      5000,
      'the slot in search results',
    );
    expect(found).toMatchObject({ slotId, modes: ['AMB'], visibility: ['SNP'] });
  });

  it('applies an event delivered twice only once', async () => {
    // Dated on a day of its own, so the count for that day is this event's alone.
    const { envelope, record } = handMadeSlotEvent(randomUUID(), new Date('2031-01-15T12:00:00Z'));
    const matchingStats = matching.app.get(IndexFeed).consumer.stats;
    const countsStats = indicators.app.get(EventConsumers).get(EVENT_COUNTS_GROUP).stats;
    const before = { matching: matchingStats.handled, counts: countsStats.duplicates };

    await produceRaw(prefix + Topics.slots, [record, record]);

    // Indicators' inbox recognises the duplicate; matching applies slot states by revision
    // (no inbox for them), so it handles both and the index holds the slot once.
    await eventually(
      async () => (matchingStats.handled >= before.matching + 2 && countsStats.duplicates > before.counts ? true : undefined),
      10000,
      'the duplicate to be seen',
    );
    const offered = await eventually(
      async () => {
        const res = await searcher.get('/search').query({ commune: '92044', limit: 100 }).expect(200);
        const found = res.body.results.filter((s: { slotId: string }) => s.slotId === envelope.data.slotId);
        return found.length ? found : undefined;
      },
      5000,
      'the slot in search results',
    );
    expect(offered).toHaveLength(1);
    expect(await slotPublishedCount('2031-01-15')).toBe(1);
  });

  it('sends a message that fails schema validation to the dead-letter topic with the reason, and keeps consuming', async () => {
    const poison = handMadeSlotEvent();
    const broken = { ...poison.record, value: JSON.stringify({ ...poison.envelope.data, start: 'next tuesday' }) };
    const next = handMadeSlotEvent();

    await produceRaw(prefix + Topics.slots, [broken, next.record]);

    const dead = await eventually(
      async () =>
        reader.messages.find((m) => m.topic === prefix + deadLetterTopic('matching') && m.headers.ce_id === poison.envelope.id),
      10000,
      'the poison message on the dead-letter topic',
    );
    expect(dead.headers['dlq-reason']).toBe('schema-validation');
    expect(dead.headers['dlq-detail']).toContain('/start');
    expect(dead.headers['dlq-source-topic']).toBe(prefix + Topics.slots);
    await eventually(
      async () => {
        const res = await searcher.get('/search').query({ commune: '92044', limit: 100 });
        return res.body.results.find((s: { slotId: string }) => s.slotId === next.envelope.data.slotId);
      },
      10000,
      'the next valid slot in search results',
    );
  });

  it('reports readiness with the outbox backlog', async () => {
    const res = await scheduling.http.get('/health/ready').expect(200);
    expect(res.body.details).toMatchObject({
      database: { status: 'up' },
      kafka: { status: 'up' },
      outbox: { status: 'up', backlog: expect.any(Number) },
    });
  });

  it('refuses an invalid slot with a 400 naming the field, and stores nothing', async () => {
    const db = scheduling.app.get(DataSource);
    const countRows = async () => Number((await db.query('SELECT count(*) AS n FROM scheduling.slot'))[0].n);
    const outboxRows = async () => Number((await db.query('SELECT count(*) AS n FROM scheduling.outbox'))[0].n);
    const before = { slots: await countRows(), outbox: await outboxRows() };
    const res = await practice
      .post('/slots')
      .send({ ...slotRequest(), placeId: 'nowhere', modes: ['XX'] })
      .expect(400);
    expect(res.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'placeId' }), expect.objectContaining({ field: 'modes' })]),
    );
    const backwards = slotRequest();
    const res2 = await practice
      .post('/slots')
      .send({ ...backwards, end: backwards.start })
      .expect(400);
    expect(res2.body.errors).toEqual([{ field: 'end', reason: 'end must be after start' }]);
    expect({ slots: await countRows(), outbox: await outboxRows() }).toEqual(before);
  });

  async function slotPublishedCount(day: string): Promise<number> {
    const res = await indicators
      .as(await biToken())
      .get('/indicators/event-counts')
      .query({ day })
      .expect(200);
    return res.body.find((r: { eventType: string }) => r.eventType === 'fr.sas.slot-published.v1')?.count ?? 0;
  }
});
