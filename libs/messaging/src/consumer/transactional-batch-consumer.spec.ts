import { EventEnvelope, SlotPublished, Topics } from '@sas/contracts';
import { Logger } from '@nestjs/common';
import { EachBatchPayload } from 'kafkajs';
import { EntityManager } from 'typeorm';
import { batchOf, fakeKafka, kafkaMessage, on, published, transactionalInbox } from './consumer-fakes.fixture';
import { TransactionalBatchConsumer } from './transactional-batch-consumer';

describe('TransactionalBatchConsumer', () => {
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(['log', 'error', 'warn', 'debug', 'verbose', 'fatal']));

  async function durableConsumer(
    handler: (e: EventEnvelope) => Promise<void>,
    beforeCommit?: (tx: EntityManager) => Promise<void>,
  ) {
    const kafka = fakeKafka();
    const inbox = transactionalInbox();
    const consumer = new TransactionalBatchConsumer(kafka.client, {
      groupId: 'indicators-test',
      topics: [Topics.slots],
      inbox,
      deadLetterTopic: 'sas.indicators.dead-letter.v1',
      maxAttempts: 2,
      handlers: new Map([on(SlotPublished, (_slot, { envelope }) => handler(envelope))]),
      beforeCommit,
    });
    await consumer.start();
    return { consumer, kafka, inbox, eachBatch: (payload: EachBatchPayload) => kafka.run().eachBatch!(payload) };
  }

  it('handles a batch in one transaction, once per event id, and resolves its last offset', async () => {
    const applied: string[] = [];
    const { consumer, kafka, inbox, eachBatch } = await durableConsumer(async (e) => void applied.push(e.id));
    expect(kafka.run()).toMatchObject({ eachBatchAutoResolve: false });
    expect(kafka.run().autoCommit).not.toBe(false);
    const [a, b] = [published(), published()];
    const messages = [kafkaMessage(a), kafkaMessage(b), kafkaMessage(a)];
    const { payload, resolved } = batchOf(messages);
    await eachBatch(payload);
    expect(applied).toEqual([a.id, b.id]);
    expect(inbox.transactions).toEqual([3]);
    expect(consumer.stats).toMatchObject({ handled: 2, duplicates: 1 });
    expect(resolved).toEqual([messages[2].offset]);
  });

  it('ends the transaction before a message to dead-letter, and goes on after it', async () => {
    const applied: string[] = [];
    const { consumer, kafka, inbox, eachBatch } = await durableConsumer(async (e) => void applied.push(e.id));
    const [first, poison, last] = [published(), published(), published()];
    const messages = [kafkaMessage(first), kafkaMessage(poison, { value: '{"slotId":' }), kafkaMessage(last)];
    const { payload, resolved } = batchOf(messages);
    await eachBatch(payload);
    expect(applied).toEqual([first.id, last.id]);
    expect(inbox.transactions).toEqual([1, 1]);
    expect(kafka.sent.map((r) => r.messages[0].headers!['dlq-reason'])).toEqual(['invalid-envelope']);
    expect(consumer.stats).toMatchObject({ handled: 2, deadLettered: 1 });
    expect(resolved).toEqual([messages[0].offset, messages[1].offset, messages[2].offset]);
  });

  it('replays a failed transaction one event at a time: the failing event is dead-lettered, the others are handled once', async () => {
    const doomed = published();
    const applied: string[] = [];
    const { consumer, kafka, inbox, eachBatch } = await durableConsumer(async (e) => {
      if (e.id === doomed.id) throw new Error('never');
      applied.push(e.id);
    });
    const [before, after] = [published(), published()];
    const messages = [kafkaMessage(before), kafkaMessage(doomed), kafkaMessage(after)];
    const { payload, resolved } = batchOf(messages);
    await eachBatch(payload);
    // The failed transaction applied `before` once; nothing of it was kept, so it runs again on its own.
    expect(applied).toEqual([before.id, before.id, after.id]);
    expect([...inbox.handled]).toEqual([before.id, after.id]);
    expect(kafka.sent.map((r) => r.messages[0].headers!['dlq-reason'])).toEqual(['handler-failed']);
    expect(consumer.stats).toMatchObject({ handled: 2, deadLettered: 1 });
    expect(resolved).toEqual(messages.map((m) => m.offset));
  });

  it('calls beforeCommit once per transaction, after its handlers, including the one-event transactions of a replay', async () => {
    const doomed = published();
    const steps: string[] = [];
    const { eachBatch } = await durableConsumer(
      async (e) => {
        if (e.id === doomed.id) throw new Error('never');
        steps.push('event');
      },
      async () => void steps.push('commit'),
    );
    await eachBatch(batchOf([kafkaMessage(published()), kafkaMessage(published())]).payload);
    expect(steps).toEqual(['event', 'event', 'commit']);
    steps.length = 0;
    // The failed transaction does not get to its commit; the events replayed alone each do.
    await eachBatch(batchOf([kafkaMessage(published()), kafkaMessage(doomed)]).payload);
    expect(steps).toEqual(['event', 'event', 'commit']);
  });

  it('gives every handler of a batch the transaction that records its inbox row, with its envelope and partition', async () => {
    const seen: { tx: EntityManager; id: string; topic: string; partition: number }[] = [];
    const kafka = fakeKafka();
    const inbox = transactionalInbox();
    const consumer = new TransactionalBatchConsumer(kafka.client, {
      groupId: 'indicators-test',
      topics: [Topics.slots],
      inbox,
      deadLetterTopic: 'sas.indicators.dead-letter.v1',
      handlers: new Map([
        on(
          SlotPublished,
          (slot, { tx, envelope, topic, partition }) => void seen.push({ tx, id: envelope.id, topic, partition }),
        ),
      ]),
    });
    await consumer.start();
    const events = [published(), published()];
    await kafka.run().eachBatch!(batchOf(events.map((e) => kafkaMessage(e))).payload);
    expect(seen.map((s) => s.id)).toEqual(events.map((e) => e.id));
    expect(seen.every((s) => s.tx === inbox.tx && s.topic === Topics.slots && s.partition === 0)).toBe(true);
  });
});
