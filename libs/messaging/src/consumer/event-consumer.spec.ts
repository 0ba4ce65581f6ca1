import { context, propagation, SpanKind, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { buildEnvelope, EventEnvelope, SlotPublished, SlotWithdrawn, toKafkaRecord, Topics } from '@sas/contracts';
import { Logger } from '@nestjs/common';
import { ConsumerRunConfig, EachBatchPayload, KafkaMessage, ProducerRecord } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { KafkaClient } from '../kafka/kafka-client';
import { EventConsumer, EventConsumerOptions } from './event-consumer';
import { handle } from './event-handler';
import { MemoryInbox } from './inbox';

const PREFIX = 'unit.';
const TOPIC = PREFIX + Topics.slots;

/** A KafkaClient whose consumer hands its run config to the test and whose producer keeps what it sends. */
function fakeKafka() {
  const sent: ProducerRecord[] = [];
  const consumerConfigs: Record<string, unknown>[] = [];
  let run: ConsumerRunConfig | undefined;
  const consumer = {
    connect: async () => undefined,
    subscribe: async () => undefined,
    run: async (config: ConsumerRunConfig) => void (run = config),
    disconnect: async () => undefined,
    pause: () => undefined,
    resume: () => undefined,
  };
  const producer = { connect: async () => undefined, disconnect: async () => undefined, send: async (record: ProducerRecord) => void sent.push(record) };
  const client = {
    config: { clientId: 'sas-matching', topicPrefix: PREFIX, brokers: [], partitions: 6, replicationFactor: 1, retentionMs: -1 },
    ensureTopics: async () => undefined,
    idempotentProducer: () => producer,
    kafka: { consumer: (config: Record<string, unknown>) => (consumerConfigs.push(config), consumer) },
  } as unknown as KafkaClient;
  return { client, sent, consumerConfigs, run: () => run! };
}

function slotState(overrides: Record<string, unknown> = {}) {
  const start = Date.parse('2030-01-07T09:00:00Z');
  return {
    slotId: randomUUID(),
    ownerId: randomUUID(),
    profession: 'general-practitioner',
    specialties: ['SM54'],
    place: { placeId: randomUUID(), communeCode: '92044' },
    start: new Date(start).toISOString(),
    end: new Date(start + 900_000).toISOString(),
    visibility: ['SNP'],
    modes: ['AMB'],
    appointmentType: 'ROUTINE',
    acceptsBeyondSlots: false,
    revision: 1,
    ...overrides,
  } as EventEnvelope<typeof SlotPublished.schema.static>['data'];
}

let offsets = 0;

/** A Kafka message as kafkajs delivers it (Buffers), from an envelope. */
function kafkaMessage(envelope: EventEnvelope, options: { value?: string; timestamp?: number } = {}): KafkaMessage {
  const record = toKafkaRecord(envelope);
  return {
    key: Buffer.from(record.key),
    value: Buffer.from(options.value ?? record.value),
    headers: Object.fromEntries(Object.entries(record.headers).map(([k, v]) => [k, Buffer.from(v)])),
    offset: String(offsets++),
    timestamp: String(options.timestamp ?? 0),
    attributes: 0,
  } as KafkaMessage;
}

/** What eachBatch receives for one partition; records the offsets it resolves. */
function batchOf(messages: KafkaMessage[], running = () => true) {
  const resolved: string[] = [];
  const payload = {
    batch: { topic: TOPIC, partition: 0, highWatermark: '0', messages, isEmpty: () => messages.length === 0, firstOffset: () => messages[0]?.offset ?? null, lastOffset: () => messages[messages.length - 1].offset, offsetLag: () => '0', offsetLagLow: () => '0' },
    resolveOffset: (offset: string) => void resolved.push(offset),
    heartbeat: async () => undefined,
    pause: () => () => undefined,
    commitOffsetsIfNecessary: async () => undefined,
    uncommittedOffsets: () => ({ topics: [] }),
    isRunning: running,
    isStale: () => false,
  } as unknown as EachBatchPayload;
  return { payload, resolved };
}

async function replayingConsumer(options: Partial<EventConsumerOptions> = {}) {
  const kafka = fakeKafka();
  const applied: string[] = [];
  const consumer = new EventConsumer(kafka.client, {
    groupId: 'matching-replica-test',
    topics: [Topics.slots],
    inbox: new MemoryInbox(),
    deadLetterTopic: 'sas.matching.dead-letter.v1',
    replay: true,
    handlers: new Map([handle(SlotPublished, async (e) => void applied.push(e.data.slotId)), handle(SlotWithdrawn, async (e) => void applied.push(`-${e.data.slotId}`))]),
    ...options,
  });
  await consumer.start();
  return { consumer, kafka, applied, eachBatch: (payload: EachBatchPayload) => kafka.run().eachBatch!(payload) };
}

const published = (overrides: Record<string, unknown> = {}, trace?: { traceparent: string }) => buildEnvelope(SlotPublished, slotState(overrides), { source: '/sas/scheduling', trace });

describe('EventConsumer replaying in batches', () => {
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
    expect(kafka.sent.map((r) => r.topic)).toEqual([PREFIX + 'sas.matching.dead-letter.v1', PREFIX + 'sas.matching.dead-letter.v1']);
    const [schema, type] = kafka.sent.map((r) => r.messages[0].headers!);
    expect(schema).toMatchObject({ 'dlq-reason': 'schema-validation', 'dlq-source-topic': TOPIC, 'dlq-source-offset': messages[1].offset, ce_id: Buffer.from(poison.id) });
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
    const withdrawn = buildEnvelope(SlotWithdrawn, { slotId: event.data.slotId, ownerId: event.data.ownerId, reason: 'withdrawn', revision: 2 }, { source: '/sas/scheduling' });
    await eachBatch(batchOf([kafkaMessage(event), kafkaMessage(event), kafkaMessage(withdrawn), kafkaMessage(withdrawn)]).payload);
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
        handle(SlotPublished, async (e) => {
          if (e.id === flaky.id && ++calls === 1) throw new Error('once');
          if (e.id === doomed.id) throw new Error('never');
          handled.push(e.id);
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
    const { payload, resolved } = batchOf(events.map((e) => kafkaMessage(e)), () => ++checks <= 2);
    await eachBatch(payload);
    expect(applied).toEqual([events[0].data.slotId, events[1].data.slotId]);
    expect(resolved).toEqual([payload.batch.messages[1].offset]);
  });

  it('resumes where a snapshot stands, and waits between batches for what afterBatch returns', async () => {
    const kafka = fakeKafka();
    const setOffsets: unknown[] = [];
    (kafka.client as unknown as { sharedAdmin(): Promise<unknown> }).sharedAdmin = async () => ({ setOffsets: async (request: unknown) => void setOffsets.push(request) });
    const seen: (bigint | undefined)[] = [];
    let release = () => undefined as void;
    const consumer: EventConsumer = new EventConsumer(kafka.client, {
      groupId: 'matching-replica-test',
      topics: [Topics.slots],
      inbox: new MemoryInbox(),
      deadLetterTopic: 'sas.matching.dead-letter.v1',
      replay: true,
      handlers: new Map([handle(SlotPublished, async () => undefined)]),
      afterBatch: () => {
        seen.push(consumer.currentPositions().get(`${TOPIC}:0`));
        return new Promise<void>((resolve) => (release = resolve));
      },
    });
    consumer.resumeAt(new Map([[`${TOPIC}:0`, 40n], [`${TOPIC}:3`, 7n]]));
    await consumer.start();
    // Committed for its own group (prefixed like the topics) before it joins: the broker hands it those offsets.
    expect(setOffsets).toEqual([{ groupId: `${PREFIX}matching-replica-test`, topic: TOPIC, partitions: [{ partition: 0, offset: '40' }, { partition: 3, offset: '7' }] }]);
    expect(consumer.currentPositions()).toEqual(new Map([[`${TOPIC}:0`, 40n], [`${TOPIC}:3`, 7n]]));

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

  it('refuses positions to resume at unless it replays', () => {
    const consumer = new EventConsumer(fakeKafka().client, { groupId: 'g', topics: [Topics.slots], inbox: new MemoryInbox(), deadLetterTopic: 'd', handlers: new Map() });
    expect(() => consumer.resumeAt(new Map())).toThrow('only a replaying consumer');
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
      const history = [published({}, traced), published(), published({}, traced)].map((e) => kafkaMessage(e, { timestamp: Date.now() - 3600_000 }));
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

/**
 * A BatchInbox over a set of ids, whose transactions are all or nothing: the ids and the
 * work's effects of a failed runAll are dropped. Records each transaction's size.
 */
function transactionalInbox() {
  const handled = new Set<string>();
  const transactions: number[] = [];
  const tx = {} as EntityManager;
  return {
    handled,
    transactions,
    async runOnce(eventId: string, work: (tx?: EntityManager) => Promise<void>) {
      transactions.push(1);
      if (handled.has(eventId)) return false;
      await work(tx);
      handled.add(eventId);
      return true;
    },
    async runAll(events: { eventId: string; work: (tx: EntityManager) => Promise<void> }[], beforeCommit?: (tx: EntityManager) => Promise<void>) {
      transactions.push(events.length);
      const claimed = new Set(handled);
      const ran: boolean[] = [];
      for (const { eventId, work } of events) {
        const fresh = !claimed.has(eventId);
        if (fresh) {
          claimed.add(eventId);
          await work(tx);
        }
        ran.push(fresh);
      }
      await beforeCommit?.(tx);
      for (const id of claimed) handled.add(id);
      return ran;
    },
  };
}

describe('EventConsumer with transactional batches', () => {
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(['log', 'error', 'warn', 'debug', 'verbose', 'fatal']));

  async function durableConsumer(handler: (e: EventEnvelope) => Promise<void>, beforeCommit?: (tx: EntityManager) => Promise<void>) {
    const kafka = fakeKafka();
    const inbox = transactionalInbox();
    const consumer = new EventConsumer(kafka.client, {
      groupId: 'indicators-test',
      topics: [Topics.slots],
      inbox,
      deadLetterTopic: 'sas.indicators.dead-letter.v1',
      transactionalBatches: true,
      maxAttempts: 2,
      handlers: new Map([handle(SlotPublished, handler)]),
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
});
