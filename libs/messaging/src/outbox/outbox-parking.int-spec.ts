import { DataSource } from 'typeorm';
import { useIsolatedEnvironment } from '../../../../test/support/isolated-environment';
import { KafkaClient } from '../kafka/kafka-client';
import { kafkaConfigFromEnv, physicalTopic } from '../kafka/kafka-config';
import { MESSAGING_MIGRATIONS } from '../migrations';
import { OutboxRelay } from './outbox-relay';
import { MAX_EVENT_BYTES } from './record-limits';

/**
 * A row Kafka will never take used to sit at the head of the outbox, retried for ever,
 * and no later event of the service left. It is parked in outbox_dead_letter instead,
 * and the rows behind it go out.
 */
describe('outbox relay: rows Kafka refuses for good are parked, the rest goes on (real Kafka and PostgreSQL)', () => {
  let db: DataSource;
  let kafka: KafkaClient;
  let relay: OutboxRelay;

  beforeAll(async () => {
    const { databaseUrl } = await useIsolatedEnvironment('outbox-parking');
    const bootstrap = await new DataSource({ type: 'postgres', url: databaseUrl }).initialize();
    await bootstrap.query('CREATE SCHEMA box');
    await bootstrap.destroy();
    db = await new DataSource({
      type: 'postgres',
      url: databaseUrl,
      schema: 'box',
      migrations: MESSAGING_MIGRATIONS,
    }).initialize();
    await db.runMigrations();
    kafka = new KafkaClient(kafkaConfigFromEnv('parking'));
    // A topic whose broker-side limit is 10 kB: the broker itself refuses a 20 kB record (MESSAGE_TOO_LARGE).
    const admin = await kafka.sharedAdmin();
    await admin.createTopics({
      waitForLeaders: true,
      topics: [
        {
          topic: physicalTopic(kafka.config, 'test.small-messages'),
          numPartitions: 1,
          configEntries: [{ name: 'max.message.bytes', value: '10000' }],
        },
      ],
    });
    relay = new OutboxRelay(db, kafka, { schema: 'box' });
  });

  afterAll(async () => {
    await relay?.stop();
    await kafka?.close();
    await db?.destroy();
  });

  const append = (eventId: string, topic: string, payload: string) =>
    db.query(`INSERT INTO box.outbox (event_id, topic, message_key, headers, payload) VALUES ($1, $2, 'k', $3, $4)`, [
      eventId,
      topic,
      { ce_id: eventId, ce_type: 'fr.sas.test.v1' },
      payload,
    ]);

  it('parks a row over the size limit and one the broker refuses, and publishes the row behind them', async () => {
    await append('e-huge', 'test.events', JSON.stringify({ text: 'x'.repeat(MAX_EVENT_BYTES + 1) }));
    await append('e-refused', 'test.small-messages', JSON.stringify({ text: 'y'.repeat(20_000) }));
    await append('e-fine', 'test.small-messages', JSON.stringify({ text: 'fine' }));

    expect(await relay.publishBatch()).toBe(3);

    const outbox = await db.query(`SELECT event_id, published_at IS NOT NULL AS published FROM box.outbox ORDER BY id`);
    expect(outbox).toEqual([{ event_id: 'e-fine', published: true }]);
    const parked = await db.query(
      `SELECT event_id, topic, length(payload) AS bytes, reason FROM box.outbox_dead_letter ORDER BY id`,
    );
    expect(parked).toEqual([
      {
        event_id: 'e-huge',
        topic: 'test.events',
        bytes: MAX_EVENT_BYTES + 12,
        reason: expect.stringMatching(/over the 1000000 a Kafka message may hold/),
      },
      { event_id: 'e-refused', topic: 'test.small-messages', bytes: 20_011, reason: expect.stringMatching(/^MESSAGE_TOO_LARGE/) },
    ]);
    expect((await relay.stats()).parked).toBe(2);

    const [{ high }] = await (await kafka.sharedAdmin()).fetchTopicOffsets(physicalTopic(kafka.config, 'test.small-messages'));
    expect(high).toBe('1');
  });

  it('then publishes an ordinary batch whole, parking nothing more', async () => {
    await append('e-next', 'test.events', JSON.stringify({ n: 1 }));
    expect(await relay.publishBatch()).toBe(1);
    expect((await db.query(`SELECT count(*)::int AS n FROM box.outbox_dead_letter`))[0].n).toBe(2);
  });
});
