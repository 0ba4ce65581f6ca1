// Fakes shared by the consumer modes' specs: a KafkaClient whose consumer hands its run
// config to the test, Kafka messages built from envelopes, batches, a transactional inbox.
import { buildEnvelope, EventDefinition, EventEnvelope, PayloadOf, SlotPublished, toKafkaRecord, Topics } from '@sas/contracts';
import { ConsumerRunConfig, EachBatchPayload, KafkaMessage, ProducerRecord } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { KafkaClient } from '../kafka/kafka-client';
import { BoundHandler, DurableEventContext } from './event-handler';

/** A handler of one event for a test, typed by its definition. */
export function on<D extends EventDefinition>(
  def: D,
  handler: (payload: PayloadOf<D>, context: DurableEventContext) => void | Promise<void>,
): [string, BoundHandler] {
  return [def.name, handler as BoundHandler];
}

export const PREFIX = 'unit.';
export const TOPIC = PREFIX + Topics.slots;

/** A KafkaClient whose consumer hands its run config to the test and whose producer keeps what it sends. */
export function fakeKafka() {
  const sent: ProducerRecord[] = [];
  const consumerConfigs: Record<string, unknown>[] = [];
  let run: ConsumerRunConfig | undefined;
  const listeners: { event: string; listener: (event: { payload: unknown }) => void }[] = [];
  const consumer = {
    events: { CRASH: 'consumer.crash', GROUP_JOIN: 'consumer.group_join' },
    on: (event: string, listener: (event: { payload: unknown }) => void) => {
      listeners.push({ event, listener });
      return () => undefined;
    },
    connect: async () => undefined,
    subscribe: async () => undefined,
    run: async (config: ConsumerRunConfig) => void (run = config),
    disconnect: async () => undefined,
    pause: () => undefined,
    resume: () => undefined,
  };
  const producer = {
    connect: async () => undefined,
    disconnect: async () => undefined,
    send: async (record: ProducerRecord) => void sent.push(record),
  };
  const client = {
    config: { clientId: 'sas-matching', topicPrefix: PREFIX, brokers: [], partitions: 6, replicationFactor: 1, retentionMs: -1 },
    ensureTopics: async () => undefined,
    idempotentProducer: () => producer,
    kafka: { consumer: (config: Record<string, unknown>) => (consumerConfigs.push(config), consumer) },
  } as unknown as KafkaClient;
  /** Kafka's client reporting an event of the consumer (every listener registered so far hears it). */
  const emit = (event: 'CRASH' | 'GROUP_JOIN', payload: unknown = {}) =>
    listeners.filter((l) => l.event === consumer.events[event]).forEach((l) => l.listener({ payload }));
  return { client, sent, consumerConfigs, run: () => run!, emit };
}

export function slotState(overrides: Record<string, unknown> = {}) {
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
export function kafkaMessage(envelope: EventEnvelope, options: { value?: string; timestamp?: number } = {}): KafkaMessage {
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
export function batchOf(messages: KafkaMessage[], running = () => true) {
  const resolved: string[] = [];
  const payload = {
    batch: {
      topic: TOPIC,
      partition: 0,
      highWatermark: '0',
      messages,
      isEmpty: () => messages.length === 0,
      firstOffset: () => messages[0]?.offset ?? null,
      lastOffset: () => messages[messages.length - 1].offset,
      offsetLag: () => '0',
      offsetLagLow: () => '0',
    },
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

export const published = (overrides: Record<string, unknown> = {}, trace?: { traceparent: string }) =>
  buildEnvelope(SlotPublished, slotState(overrides), { source: '/sas/scheduling', trace });

/**
 * A BatchInbox over a set of ids, whose transactions are all or nothing: the ids and the
 * work's effects of a failed runAll are dropped. Records each transaction's size.
 */
export function transactionalInbox() {
  const handled = new Set<string>();
  const transactions: number[] = [];
  const tx = {} as EntityManager;
  return {
    tx,
    handled,
    transactions,
    async runOnce(eventId: string, work: (tx: EntityManager) => Promise<void>) {
      transactions.push(1);
      if (handled.has(eventId)) return false;
      await work(tx);
      handled.add(eventId);
      return true;
    },
    async runAll(
      events: { eventId: string; work: (tx: EntityManager) => Promise<void> }[],
      beforeCommit?: (tx: EntityManager) => Promise<void>,
    ) {
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
