import { context, propagation, SpanKind, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { buildEnvelope, SlotPublished, SlotWithdrawn, Topics } from '@sas/contracts';
import { Logger } from '@nestjs/common';
import { EachBatchPayload } from 'kafkajs';
import { batchOf, fakeKafka, kafkaMessage, on, PREFIX, published, TOPIC } from './consumer-fakes.fixture';
import { MemoryInbox } from './inbox';
import { ReplayConsumer, ReplayConsumerOptions } from './replay-consumer';

async function replayingConsumer(options: Partial<ReplayConsumerOptions> = {}) {
  const kafka = fakeKafka();
  const applied: string[] = [];
  const consumer = new ReplayConsumer(kafka.client, {
    groupId: 'matching-replica-test',
    topics: [Topics.slots],
    inbox: new MemoryInbox(),
    deadLetterTopic: 'sas.matching.dead-letter.v1',
    handlers: new Map([
      on(SlotPublished, (slot) => void applied.push(slot.slotId)),
      on(SlotWithdrawn, async (withdrawal) => void applied.push(`-${withdrawal.slotId}`)),
    ]),
    ...options,
  });
  await consumer.start();
  return { consumer, kafka, applied, eachBatch: (payload: EachBatchPayload) => kafka.run().eachBatch!(payload) };
}

describe('ReplayConsumer', () => {
  // Dead letters and retries are logged as warnings: expected here.
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(['log', 'error', 'warn', 'debug', 'verbose', 'fatal']));

  it('reads in batches, commits nothing, and fetches large batches', async () => {
    const { kafka } = await replayingConsumer();
    expect(kafka.run()).toMatchObject({ autoCommit: false, eachBatchAutoResolve: false });
    expect(kafka.run().eachMessage).toBeUndefined();
    expect(kafka.consumerConfigs[0].maxBytesPerPartition).toBeGreaterThanOrEqual(1024 * 1024);
    expect(kafka.consumerConfigs[0].minBytes).toBe(1);
  });

  it('dead-letters a malformed message with its reason and handles the messages after it', async () => {
    const { consumer, kafka, applied, eachBatch } = await replayingConsumer();
    const [first, poison, unknownType, last] = [published(), published(), published(), published()];
    const messages = [
      kafkaMessage(first),
      kafkaMessage(poison, { value: JSON.stringify({ ...poison.data, start: 'next tuesday' }) }),
      kafkaMessage({ ...unknownType, type: 'fr.sas.slot-teleported.v1' }),
      kafkaMessage(last),
    ];
    const { payload, resolved } = batchOf(messages);
    await eachBatch(payload);

    expect(applied).toEqual([first.data.slotId, last.data.slotId]);
    expect(kafka.sent.map((r) => r.topic)).toEqual([
      PREFIX + 'sas.matching.dead-letter.v1',
      PREFIX + 'sas.matching.dead-letter.v1',
    ]);
    const [schema, type] = kafka.sent.map((r) => r.messages[0].headers!);
    expect(schema).toMatchObject({
      'dlq-reason': 'schema-validation',
      'dlq-source-topic': TOPIC,
      'dlq-source-offset': messages[1].offset,
      ce_id: Buffer.from(poison.id),
    });
    expect(String(schema['dlq-detail'])).toContain('/start');
    expect(type).toMatchObject({ 'dlq-reason': 'unknown-event-type' });
    expect(consumer.stats).toEqual({ handled: 2, duplicates: 0, ignored: 0, deadLettered: 2 });
    expect(resolved).toEqual([messages[3].offset]);
    expect(consumer.currentPositions().get(`${TOPIC}:0`)).toBe(BigInt(messages[3].offset) + 1n);
  });

  it('applies an event delivered twice once, within a batch and across batches', async () => {
    const { consumer, applied, eachBatch } = await replayingConsumer();
    const event = published();
    await eachBatch(batchOf([kafkaMessage(event), kafkaMessage(event)]).payload);
    await eachBatch(batchOf([kafkaMessage(event)]).payload);
    expect(applied).toEqual([event.data.slotId]);
    expect(consumer.stats).toMatchObject({ handled: 1, duplicates: 2 });
  });

  it('hands events declared idempotent to their handler every time, without the inbox remembering them', async () => {
    const { consumer, applied, eachBatch } = await replayingConsumer({ idempotentEvents: new Set([SlotPublished.name]) });
    const event = published();
    const withdrawn = buildEnvelope(
      SlotWithdrawn,
      { slotId: event.data.slotId, ownerId: event.data.ownerId, reason: 'withdrawn', revision: 2 },
      { source: '/sas/scheduling' },
    );
    await eachBatch(
      batchOf([kafkaMessage(event), kafkaMessage(event), kafkaMessage(withdrawn), kafkaMessage(withdrawn)]).payload,
    );
    expect(applied).toEqual([event.data.slotId, event.data.slotId, `-${event.data.slotId}`]);
    expect(consumer.stats).toMatchObject({ handled: 3, duplicates: 1 });
    const inbox = (consumer as unknown as { options: { inbox: MemoryInbox } }).options.inbox;
    expect([inbox.has(event.id), inbox.has(withdrawn.id)]).toEqual([false, true]);
  });

  it('retries a handler that fails, dead-letters an event that always fails it, and goes on', async () => {
    let calls = 0;
    const flaky = published();
    const doomed = published();
    const handled: string[] = [];
    const { consumer, kafka, eachBatch } = await replayingConsumer({
      maxAttempts: 2,
      handlers: new Map([
        on(SlotPublished, async (_slot, { envelope }) => {
          if (envelope.id === flaky.id && ++calls === 1) throw new Error('once');
          if (envelope.id === doomed.id) throw new Error('never');
          handled.push(envelope.id);
        }),
      ]),
    });
    const after = published();
    await eachBatch(batchOf([kafkaMessage(flaky), kafkaMessage(doomed), kafkaMessage(after)]).payload);
    expect(handled).toEqual([flaky.id, after.id]);
    expect(kafka.sent.map((r) => r.messages[0].headers!['dlq-reason'])).toEqual(['handler-failed']);
    expect(consumer.stats).toMatchObject({ handled: 2, deadLettered: 1 });
    // The dead-lettered event was not remembered as handled.
    expect((consumer as unknown as { options: { inbox: MemoryInbox } }).options.inbox.has(doomed.id)).toBe(false);
  });

  it('stops a batch when the consumer stops, resolving only what it processed', async () => {
    const { applied, eachBatch } = await replayingConsumer();
    const events = [published(), published(), published()];
    let checks = 0;
    const { payload, resolved } = batchOf(
      events.map((e) => kafkaMessage(e)),
      () => ++checks <= 2,
    );
    await eachBatch(payload);
    expect(applied).toEqual([events[0].data.slotId, events[1].data.slotId]);
    expect(resolved).toEqual([payload.batch.messages[1].offset]);
  });

  it('resumes where a snapshot stands, and waits between batches for what afterBatch returns', async () => {
    const kafka = fakeKafka();
    const setOffsets: unknown[] = [];
    (kafka.client as unknown as { sharedAdmin(): Promise<unknown> }).sharedAdmin = async () => ({
      setOffsets: async (request: unknown) => void setOffsets.push(request),
    });
    const seen: (bigint | undefined)[] = [];
    let release = () => undefined as void;
    const consumer: ReplayConsumer = new ReplayConsumer(kafka.client, {
      groupId: 'matching-replica-test',
      topics: [Topics.slots],
      inbox: new MemoryInbox(),
      deadLetterTopic: 'sas.matching.dead-letter.v1',
      handlers: new Map([on(SlotPublished, () => undefined)]),
      afterBatch: () => {
        seen.push(consumer.currentPositions().get(`${TOPIC}:0`));
        return new Promise<void>((resolve) => (release = resolve));
      },
    });
    consumer.resumeAt(
      new Map([
        [`${TOPIC}:0`, 40n],
        [`${TOPIC}:3`, 7n],
      ]),
    );
    await consumer.start();
    // Committed for its own group (prefixed like the topics) before it joins: the broker hands it those offsets.
    expect(setOffsets).toEqual([
      {
        groupId: `${PREFIX}matching-replica-test`,
        topic: TOPIC,
        partitions: [
          { partition: 0, offset: '40' },
          { partition: 3, offset: '7' },
        ],
      },
    ]);
    expect(consumer.currentPositions()).toEqual(
      new Map([
        [`${TOPIC}:0`, 40n],
        [`${TOPIC}:3`, 7n],
      ]),
    );

    const messages = [kafkaMessage(published()), kafkaMessage(published())];
    let done = false;
    const batch = kafka.run().eachBatch!(batchOf(messages).payload).then(() => (done = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toEqual([BigInt(messages[1].offset) + 1n]);
    expect(done).toBe(false);
    release();
    await batch;
    expect(done).toBe(true);
  });

  describe('tracing', () => {
    const exporter = new InMemorySpanExporter();
    beforeAll(() => {
      trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
      context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
      propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    });
    afterAll(() => {
      trace.disable();
      context.disable();
      propagation.disable();
    });

    it('gives a replayed batch one span, and a live traced event a span of its own in its producer trace', async () => {
      const { eachBatch } = await replayingConsumer();
      exporter.reset();
      const producerTrace = '0af7651916cd43dd8448eb211c80319c';
      const traced = { traceparent: `00-${producerTrace}-b7ad6b7169203331-01` };
      const history = [published({}, traced), published(), published({}, traced)].map((e) =>
        kafkaMessage(e, { timestamp: Date.now() - 3600_000 }),
      );
      await eachBatch(batchOf(history).payload);
      expect(exporter.getFinishedSpans().map((s) => s.name)).toEqual([`consume batch ${Topics.slots}`]);
      expect(exporter.getFinishedSpans()[0].attributes['messaging.batch.message_count']).toBe(3);

      exporter.reset();
      const live = [published({}, traced), published()].map((e) => kafkaMessage(e, { timestamp: Date.now() + 1000 }));
      await eachBatch(batchOf(live).payload);
      const spans = exporter.getFinishedSpans();
      const own = spans.find((s) => s.name === 'consume slot-published')!;
      expect(own).toBeDefined();
      expect(own.kind).toBe(SpanKind.CONSUMER);
      expect(own.spanContext().traceId).toBe(producerTrace);
      expect(own.parentSpanContext?.spanId).toBe('b7ad6b7169203331');
      expect(own.attributes['sas.service']).toBe('matching');
      expect(spans.map((s) => s.name).sort()).toEqual([`consume batch ${Topics.slots}`, 'consume slot-published']);
    });
  });
});
