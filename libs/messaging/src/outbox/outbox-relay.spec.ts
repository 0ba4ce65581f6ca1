import { Message, Partitioners, ProducerBatch, RecordMetadata } from 'kafkajs';
import { DataSource } from 'typeorm';
import { KafkaClient } from '../kafka/kafka-client';
import { OutboxRelay } from './outbox-relay';

const TOPIC = 'sas.scheduling.slot.v1';
const PARTITIONS = Array.from({ length: 6 }, (_, partitionId) => ({
  partitionId,
  leader: 1,
  partitionErrorCode: 0,
  replicas: [1],
  isr: [1],
}));

/** Rows of the outbox table and what the relay did with them. */
function fakeDatabase(rows: { id: string; message_key: string }[]) {
  const published: string[] = [];
  const tx = {
    query: async (sql: string, params: unknown[]) => {
      if (sql.includes('pg_try_advisory_xact_lock')) return [{ locked: true }];
      if (sql.startsWith('SELECT'))
        return rows
          .filter((r) => !published.includes(r.id))
          .map((r) => ({ ...r, topic: TOPIC, headers: { ce_type: 'fr.sas.slot-published.v1' }, payload: '{}' }));
      if (sql.startsWith('UPDATE')) published.push(...(params[0] as string[]));
      return [];
    },
  };
  const dataSource = { transaction: (work: (t: typeof tx) => Promise<unknown>) => work(tx) } as unknown as DataSource;
  return { dataSource, published };
}

/**
 * A producer whose acknowledgements are scripted: `answer` gets the partitions of the
 * batch (partition → messages) and returns the acknowledgements kafkajs would resolve with.
 */
function fakeKafka(answer: (partitions: Map<number, Message[]>) => RecordMetadata[]) {
  const producers: { sent: number }[] = [];
  const kafka = {
    config: { clientId: 'sas-scheduling', brokers: [], topicPrefix: '', partitions: 6, replicationFactor: 1, retentionMs: -1 },
    ensureTopics: async () => undefined,
    partitionsOf: async (topics: string[]) => new Map(topics.map((t) => [t, PARTITIONS])),
    idempotentProducer: () => {
      const producer = { sent: 0 };
      producers.push(producer);
      return {
        connect: async () => undefined,
        disconnect: async () => undefined,
        sendBatch: async ({ topicMessages }: ProducerBatch) => {
          producer.sent++;
          const partitions = new Map<number, Message[]>();
          for (const message of topicMessages![0].messages)
            partitions.set(message.partition!, [...(partitions.get(message.partition!) ?? []), message]);
          return answer(partitions);
        },
      };
    },
  } as unknown as KafkaClient;
  return { kafka, producers };
}

const ack = (partition: number, baseOffset: number): RecordMetadata => ({
  topicName: TOPIC,
  partition,
  errorCode: 0,
  baseOffset: String(baseOffset),
});

/** Keys of outbox rows that land on distinct partitions. */
const rows = Array.from({ length: 40 }, (_, i) => ({ id: String(i + 1), message_key: `owner-${i}` }));

describe('OutboxRelay', () => {
  it('marks a batch published once every partition it went to is acknowledged', async () => {
    const db = fakeDatabase(rows);
    const { kafka } = fakeKafka((partitions) => [...partitions.keys()].map((p) => ack(p, 0)));
    const relay = new OutboxRelay(db.dataSource, kafka, { schema: 'scheduling' });
    await expect(relay.publishBatch()).resolves.toBe(rows.length);
    expect(db.published).toHaveLength(rows.length);
  });

  it('keeps the rows when kafkajs resolves without acknowledging a partition (a leader moved mid-send)', async () => {
    const db = fakeDatabase(rows);
    let missing = -1;
    const { kafka } = fakeKafka((partitions) => {
      const [first, ...others] = [...partitions.keys()];
      missing = first;
      return others.map((p) => ack(p, 0));
    });
    const relay = new OutboxRelay(db.dataSource, kafka, { schema: 'scheduling' });
    const error: Error = await relay.publishBatch().catch((e) => e);
    expect(error.message).toBe(`Kafka acknowledged 5 of the 6 partitions of the batch; not ${TOPIC}:${missing}`);
    expect(db.published).toHaveLength(0);
  });

  it('keeps the rows when a partition acknowledges a batch at the offset of an earlier one (taken for a duplicate)', async () => {
    const db = fakeDatabase(rows.slice(0, 1));
    let offset = 0;
    const { kafka } = fakeKafka((partitions) => [...partitions.keys()].map((p) => ack(p, offset)));
    const relay = new OutboxRelay(db.dataSource, kafka, { schema: 'scheduling' });
    await expect(relay.publishBatch()).resolves.toBe(1);
    db.published.length = 0; // the same row again: a new batch for the same partition
    await expect(relay.publishBatch()).rejects.toThrow('taken for a duplicate');
    offset = 1;
    await expect(relay.publishBatch()).resolves.toBe(1);
  });

  it("sends each key to the partition kafkajs's own partitioner picks, batch after batch", async () => {
    const db = fakeDatabase(rows);
    const sent = new Map<string, number[]>();
    let batches = 0;
    const { kafka } = fakeKafka((partitions) => {
      for (const [partition, messages] of partitions)
        for (const m of messages) sent.set(String(m.key), [...(sent.get(String(m.key)) ?? []), partition]);
      return [...partitions.keys()].map((p) => ack(p, 100 * batches++));
    });
    const relay = new OutboxRelay(db.dataSource, kafka, { schema: 'scheduling' });
    await relay.publishBatch();
    db.published.length = 0; // the same rows again: their keys are now remembered
    await relay.publishBatch();
    const partitioner = Partitioners.DefaultPartitioner();
    for (const { message_key } of rows) {
      const expected = partitioner({ topic: TOPIC, partitionMetadata: PARTITIONS, message: { key: message_key, value: null } });
      expect({ key: message_key, partitions: sent.get(message_key) }).toEqual({
        key: message_key,
        partitions: [expected, expected],
      });
    }
  });
});

describe('OutboxRelay.inTransaction', () => {
  it('wakes the relay once the transaction has committed, and not when it fails', async () => {
    const steps: string[] = [];
    const dataSource = {
      transaction: async (work: (tx: unknown) => Promise<unknown>) => {
        const result = await work('tx');
        steps.push('commit');
        return result;
      },
    } as unknown as DataSource;
    const relay = new OutboxRelay(dataSource, fakeKafka(() => []).kafka, { schema: 'scheduling' });
    jest.spyOn(relay, 'wake').mockImplementation(() => void steps.push('wake'));
    expect(await relay.inTransaction(async (tx) => (steps.push(`work in ${String(tx)}`), 42))).toBe(42);
    expect(steps).toEqual(['work in tx', 'commit', 'wake']);
    steps.length = 0;
    await expect(relay.inTransaction(async () => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
    expect(steps).toEqual([]);
  });
});
