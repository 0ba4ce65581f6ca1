import { Logger } from '@nestjs/common';
import { SlotPublished, Topics } from '@sas/contracts';
import { EachMessagePayload, KafkaMessage } from 'kafkajs';
import { EntityManager } from 'typeorm';
import { fakeKafka, kafkaMessage, on, published, TOPIC, transactionalInbox } from './consumer-fakes.fixture';
import { DurableConsumer } from './durable-consumer';
import { BoundHandler } from './event-handler';
import { MemoryInbox } from './inbox';
import { TransientConsumer } from './transient-consumer';

const messageAt = (message: KafkaMessage) =>
  ({
    topic: TOPIC,
    partition: 2,
    message,
    heartbeat: async () => undefined,
    pause: () => () => undefined,
  }) as unknown as EachMessagePayload;

describe('DurableConsumer (one message at a time)', () => {
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(['log', 'error', 'warn', 'debug', 'verbose', 'fatal']));

  async function durable(handler: BoundHandler, beforeCommit?: (tx: EntityManager) => Promise<void>) {
    const kafka = fakeKafka();
    const inbox = transactionalInbox();
    const consumer = new DurableConsumer(kafka.client, {
      groupId: 'orientation-test',
      topics: [Topics.slots],
      inbox,
      deadLetterTopic: 'sas.orientation.dead-letter.v1',
      maxAttempts: 2,
      handlers: new Map([[SlotPublished.name, handler]]),
      beforeCommit,
    });
    await consumer.start();
    return { consumer, kafka, inbox, eachMessage: (message: KafkaMessage) => kafka.run().eachMessage!(messageAt(message)) };
  }

  it('reads one message at a time and hands the payload with the transaction of its inbox row, then beforeCommit', async () => {
    const steps: string[] = [];
    const { consumer, kafka, inbox, eachMessage } = await durable(
      on(SlotPublished, (slot, { tx, envelope, topic, partition }) => {
        expect([tx, topic, partition]).toEqual([inbox.tx, Topics.slots, 2]);
        steps.push(`${envelope.id === event.id} ${slot.slotId === event.data.slotId}`);
      })[1],
      async (tx) => void steps.push(`commit ${tx === inbox.tx}`),
    );
    expect(kafka.run().eachBatch).toBeUndefined();
    const event = published();
    await eachMessage(kafkaMessage(event));
    await eachMessage(kafkaMessage(event));
    expect(steps).toEqual(['true true', 'commit true']);
    expect(consumer.stats).toMatchObject({ handled: 1, duplicates: 1 });
  });

  it('dead-letters a malformed message and one its handler always fails on, and records where it stands', async () => {
    const { consumer, kafka, eachMessage } = await durable(async () => {
      throw new Error('never');
    });
    const poison = kafkaMessage(published(), { value: '{"slotId":' });
    const doomed = kafkaMessage(published());
    await eachMessage(poison);
    await eachMessage(doomed);
    expect(kafka.sent.map((r) => r.messages[0].headers!['dlq-reason'])).toEqual(['invalid-envelope', 'handler-failed']);
    expect(consumer.stats).toMatchObject({ handled: 0, deadLettered: 2 });
    expect(consumer.currentPositions().get(`${TOPIC}:2`)).toBe(BigInt(doomed.offset) + 1n);
  });
});

describe('TransientConsumer', () => {
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(['log', 'error', 'warn', 'debug', 'verbose', 'fatal']));

  it('handles each event once per process without a transaction, and retries a failing handler', async () => {
    const kafka = fakeKafka();
    const seen: unknown[] = [];
    let calls = 0;
    const consumer = new TransientConsumer(kafka.client, {
      groupId: 'transient-test',
      topics: [Topics.slots],
      inbox: new MemoryInbox(),
      deadLetterTopic: 'sas.matching.dead-letter.v1',
      handlers: new Map([
        on(SlotPublished, (slot, context) => {
          if (++calls === 1) throw new Error('once');
          seen.push('tx' in context ? 'a transaction' : slot.slotId);
        }),
      ]),
    });
    await consumer.start();
    const event = published();
    await kafka.run().eachMessage!(messageAt(kafkaMessage(event)));
    await kafka.run().eachMessage!(messageAt(kafkaMessage(event)));
    expect(seen).toEqual([event.data.slotId]);
    expect(consumer.stats).toMatchObject({ handled: 1, duplicates: 1 });
  });
});
