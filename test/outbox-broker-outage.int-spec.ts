import { Topics } from '@sas/contracts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AppModule as SchedulingModule } from '../apps/scheduling/src/app.module';
import { useIsolatedEnvironment } from './support/isolated-environment';
import { eventually, RunningService, startService } from './support/running-service';
import { practitionerWithPlace, slotBody } from './support/scheduling-fixtures';
import { TopicReader } from './support/topic-reader';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startKafka } = require('../infra/kafka/broker');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { freePort } = require('../infra/lib/ports');

interface KafkaHandle {
  brokers: string;
  stop(): Promise<void>;
  restart(): Promise<void>;
}

/** This file runs its own broker: stopping it must not disturb the other test files. */
describe('outbox: a slot created while the broker is down', () => {
  let dataDir: string;
  let broker: KafkaHandle;
  let scheduling: RunningService;
  let prefix: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sas-outage-'));
    broker = await startKafka({ dataDir, port: await freePort(), controllerPort: await freePort() });
    process.env.KAFKA_BROKERS = broker.brokers;
    ({ topicPrefix: prefix } = await useIsolatedEnvironment('outage'));
    scheduling = await startService('scheduling', SchedulingModule);
  }, 120000);

  afterAll(async () => {
    await scheduling?.close();
    await broker?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is accepted, waits in the outbox, and is published exactly once after the broker restarts', async () => {
    const owner = await practitionerWithPlace(scheduling, '75056');
    await broker.stop();
    const created = await owner.practice.post('/slots').send(slotBody(owner)).expect(201);
    const slotId: string = created.body.id;

    const db = scheduling.app.get(DataSource);
    const [row] = await db.query(`SELECT event_id, published_at FROM scheduling.outbox WHERE payload::jsonb->>'slotId' = $1`, [
      slotId,
    ]);
    expect(row.published_at).toBeNull();
    // Give the relay time to fail against the stopped broker at least once.
    await new Promise((r) => setTimeout(r, 2000));

    await broker.restart();
    await eventually(
      async () =>
        (await db.query(`SELECT published_at FROM scheduling.outbox WHERE event_id = $1`, [row.event_id]))[0].published_at
          ? true
          : undefined,
      60000,
      'the outbox row to be published',
    );
    const reader = await TopicReader.open([prefix + Topics.slots]);
    try {
      await eventually(
        async () => (reader.withHeader('ce_id', row.event_id).length > 0 ? true : undefined),
        15000,
        'the event on Kafka',
      );
      // Anything still in flight would arrive within a relay cycle; wait a few before counting.
      await new Promise((r) => setTimeout(r, 2000));
      expect(reader.withHeader('ce_id', row.event_id)).toHaveLength(1);
      expect(reader.messages).toHaveLength(1);
    } finally {
      await reader.close();
    }
  }, 180000);
});
