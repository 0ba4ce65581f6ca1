import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { contextFromTraceHeaders, serviceOf } from '@sas/telemetry';
import { Logger } from '@nestjs/common';
import { Message, PartitionMetadata, Producer, RecordMetadata } from 'kafkajs';
import { DataSource, EntityManager } from 'typeorm';
import { eventPartitioner, KafkaClient } from '../kafka/kafka-client';
import { physicalTopic } from '../kafka/kafka-config';
import { Backoff } from '../backoff';
import { MAX_EVENT_BYTES, recordBytes, recordRefusal } from './record-limits';

const relayTracer = trace.getTracer('sas-outbox');

interface OutboxRow {
  id: string;
  topic: string;
  message_key: string;
  headers: Record<string, string>;
  payload: string;
}

export interface OutboxStats {
  backlog: number;
  oldestAgeSeconds: number;
  published: number;
  parked: number;
}

export interface OutboxRelayOptions {
  schema: string;
  /**
   * Rows per produce request (default 500). Events of one owner share a partition, so
   * a large batch can exceed the broker's message.max.bytes (1 MiB by default) for a
   * partition: with 2,000 rows the benchmark's throughput to Kafka collapsed.
   */
  batchSize?: number;
  /** How often the relay looks for new rows when nobody wakes it. */
  pollMs?: number;
  /** How long the relay waits after a wake-up to gather more rows (default 10 ms). */
  lingerMs?: number;
}

/**
 * Publishes outbox rows to Kafka in insertion order and marks them published.
 * One relay at a time per schema holds a transaction-scoped advisory lock, so
 * replicas never interleave and per-key order is kept. A crash between the send and
 * the mark re-sends the rows: delivery is at least once, and consumers deduplicate
 * on the event id.
 */
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly batchSize: number;
  private readonly pollMs: number;
  private readonly lingerMs: number;
  /** Named once: every producer span carries it. */
  private readonly service: string;
  private producer?: Producer;
  private running?: Promise<void>;
  private stopping = false;
  private wakeUp?: () => void;
  private wakeRequested = false;
  private published = 0;
  /** Rows moved to the dead-letter table by this relay since it started. */
  private parked = 0;
  private readonly knownTopics = new Set<string>();
  private readonly partitioner = eventPartitioner();
  /** Partitions of each physical topic published to, while the producer lives. */
  private readonly partitions = new Map<string, PartitionMetadata[]>();
  /**
   * Per physical topic, the partition of each key already sent, while the partitions are
   * known: kafkajs's murmur2 costs ~4 µs a key, and a practice's slots share their key.
   */
  private readonly partitionOfKey = new Map<string, Map<string, number>>();
  /** Per `topic:partition`, the offset after the last message this producer had acknowledged. */
  private readonly acknowledgedEnd = new Map<string, bigint>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly kafka: KafkaClient,
    private readonly options: OutboxRelayOptions,
  ) {
    this.batchSize = options.batchSize ?? 500;
    this.pollMs = options.pollMs ?? 200;
    this.lingerMs = options.lingerMs ?? 10;
    this.service = serviceOf(kafka.config.clientId);
  }

  start(): void {
    this.stopping = false;
    this.running ??= this.loop();
  }

  /** Asks the relay to look now (after a transaction that appended events committed). */
  wake(): void {
    this.wakeRequested = true;
    this.wakeUp?.();
  }

  /**
   * Runs `work` in one transaction of the service's database, then wakes the relay: the
   * events it appended to the outbox leave at once, not at the next poll. The writers that
   * append events go through it; a transaction that fails commits nothing and wakes nothing.
   */
  async inTransaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    const result = await this.dataSource.transaction(work);
    this.wake();
    return result;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake();
    await this.running;
    this.running = undefined;
    await this.resetProducer();
  }

  /** Rows waiting to be published and the age of the oldest, for health and metrics. */
  async stats(): Promise<OutboxStats> {
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS backlog, coalesce(extract(epoch FROM now() - min(created_at)), 0)::float AS age
         FROM "${this.options.schema}".outbox WHERE published_at IS NULL`,
    );
    return { backlog: row.backlog, oldestAgeSeconds: row.age, published: this.published, parked: this.parked };
  }

  private async loop(): Promise<void> {
    const backoff = new Backoff(200, 5000);
    while (!this.stopping) {
      try {
        const sent = await this.publishBatch();
        backoff.reset();
        if (sent === this.batchSize) continue;
        await this.idle(this.pollMs, true);
        // Let events that arrive together travel together: fewer, fuller produce requests.
        if (this.lingerMs) await new Promise((r) => setTimeout(r, this.lingerMs));
      } catch (error) {
        const delay = backoff.next();
        this.logger.warn(`outbox publish failed, retrying in ${delay} ms: ${(error as Error).message}`);
        await this.resetProducer();
        await this.idle(delay, false);
      }
    }
  }

  /** Publishes one batch; returns how many rows it published. */
  async publishBatch(): Promise<number> {
    return this.dataSource.transaction(async (tx) => {
      const [{ locked }] = await tx.query('SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked', [
        `outbox:${this.options.schema}`,
      ]);
      if (!locked) return 0;
      const rows: OutboxRow[] = await tx.query(
        `SELECT id, topic, message_key, headers, payload FROM "${this.options.schema}".outbox
          WHERE published_at IS NULL ORDER BY id LIMIT $1`,
        [this.batchSize],
      );
      if (rows.length === 0) return 0;
      const sent = await this.sendOrPark(tx, rows);
      await this.markPublished(tx, sent);
      this.published += sent.length;
      return rows.length;
    });
  }

  /**
   * Sends the rows; a row Kafka refuses for good (over its size limit, an invalid record)
   * is moved to the dead-letter table instead of staying at the head of the outbox, where
   * the relay retried it for ever and no later event left. When a batch is refused the
   * rows are sent one at a time, in order, to find which. Returns the rows sent.
   */
  private async sendOrPark(tx: EntityManager, rows: OutboxRow[]): Promise<OutboxRow[]> {
    const sendable: OutboxRow[] = [];
    for (const row of rows) {
      if (recordBytes(row) > MAX_EVENT_BYTES)
        await this.park(tx, row, `${recordBytes(row)} bytes, over the ${MAX_EVENT_BYTES} a Kafka message may hold`);
      else sendable.push(row);
    }
    if (sendable.length === 0) return [];
    try {
      await this.send(sendable);
      return sendable;
    } catch (error) {
      if (!recordRefusal(error)) throw error;
      const sent: OutboxRow[] = [];
      for (const row of sendable) {
        try {
          await this.send([row]);
          sent.push(row);
        } catch (single) {
          const refusal = recordRefusal(single);
          if (!refusal) throw single;
          await this.park(tx, row, refusal);
        }
      }
      return sent;
    }
  }

  private async park(tx: EntityManager, row: OutboxRow, reason: string): Promise<void> {
    const schema = this.options.schema;
    await tx.query(
      `WITH moved AS (DELETE FROM "${schema}".outbox WHERE id = $1 RETURNING *)
       INSERT INTO "${schema}".outbox_dead_letter (id, event_id, topic, message_key, headers, payload, created_at, reason)
       SELECT id, event_id, topic, message_key, headers, payload, created_at, $2 FROM moved`,
      [row.id, reason],
    );
    this.parked += 1;
    // An alert, not a warning: an accepted fact did not reach Kafka and needs a person.
    this.logger.error(
      `outbox row ${row.id} (${row.headers.ce_type ?? row.topic}, event ${row.headers.ce_id ?? '?'}) parked in ${schema}.outbox_dead_letter: ${reason}`,
    );
  }

  private async send(rows: OutboxRow[]): Promise<void> {
    const newTopics = [...new Set(rows.map((r) => r.topic))].filter((t) => !this.knownTopics.has(t));
    if (newTopics.length) {
      await this.kafka.ensureTopics(newTopics);
      newTopics.forEach((t) => this.knownTopics.add(t));
    }
    const producer = await this.connectedProducer();
    const partitions = await this.partitionsOf(rows.map((r) => physicalTopic(this.kafka.config, r.topic)));
    // Each message names its partition (the one the producer's own partitioner would pick),
    // so the acknowledgements can be checked partition by partition (see `checkAcknowledged`).
    const byTopic = new Map<string, { key: string; value: string; headers: Record<string, string>; partition: number }[]>();
    for (const row of rows) {
      const topic = physicalTopic(this.kafka.config, row.topic);
      const message = { key: row.message_key, value: row.payload, headers: row.headers };
      const partition = this.partitionOf(topic, partitions.get(topic)!, message);
      if (!byTopic.has(topic)) byTopic.set(topic, []);
      byTopic.get(topic)!.push({ ...message, partition });
    }
    // One producer span per event, in the trace of the request that wrote it.
    const spans = rows.map((row) =>
      relayTracer.startSpan(
        `publish ${row.headers.ce_type ?? row.topic}`,
        {
          kind: SpanKind.PRODUCER,
          attributes: { 'messaging.system': 'kafka', 'messaging.destination.name': row.topic, 'sas.service': this.service },
        },
        contextFromTraceHeaders(row.headers),
      ),
    );
    try {
      const acknowledged = await producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
      });
      this.checkAcknowledged(byTopic, acknowledged);
    } catch (error) {
      spans.forEach((span) => span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message }));
      throw error;
    } finally {
      spans.forEach((span) => span.end());
    }
  }

  /**
   * kafkajs 2.2.4 can resolve `sendBatch` without having written every partition: when a
   * leader moves during the send (a broker killed or restarted), its retry skips the
   * partitions whose new leader had already answered for other partitions of the batch
   * (sendMessages.js keeps one response per broker across retries; kafkajs issue #1303,
   * open). Those messages are silently dropped and, the producer's sequence numbers of
   * their partitions being out of step with the broker's, its next batch may be refused
   * (OUT_OF_ORDER_SEQUENCE_NUMBER) or taken for a duplicate of an earlier one and dropped
   * too (acknowledged at the old offset). So every partition of the batch must be
   * acknowledged, each past the offsets this producer was acknowledged before; otherwise
   * the whole batch is sent again by a new producer (the rows stay unpublished; consumers
   * deduplicate on the event id).
   */
  private checkAcknowledged(byTopic: Map<string, { partition: number }[]>, acknowledged: RecordMetadata[]): void {
    const acked = new Map<string, bigint>();
    for (const { topicName, partition, errorCode, baseOffset } of acknowledged) {
      if (errorCode !== 0 || baseOffset === undefined) continue;
      const key = `${topicName}:${partition}`;
      const offset = BigInt(baseOffset);
      if (offset < (this.acknowledgedEnd.get(key) ?? 0n)) {
        throw new Error(
          `Kafka acknowledged ${key} at offset ${offset}, before the end of an earlier batch (${this.acknowledgedEnd.get(key)}): taken for a duplicate`,
        );
      }
      // A partition answered twice (its leader moved mid-send) was written twice: keep the later.
      if (offset >= (acked.get(key) ?? offset)) acked.set(key, offset);
    }
    const missing: string[] = [];
    const sizes = new Map<string, number>();
    for (const [topic, messages] of byTopic) {
      for (const { partition } of messages) sizes.set(`${topic}:${partition}`, (sizes.get(`${topic}:${partition}`) ?? 0) + 1);
    }
    for (const key of sizes.keys()) if (!acked.has(key)) missing.push(key);
    if (missing.length) {
      throw new Error(
        `Kafka acknowledged ${sizes.size - missing.length} of the ${sizes.size} partitions of the batch; not ${missing.join(', ')}`,
      );
    }
    for (const [key, size] of sizes) this.acknowledgedEnd.set(key, acked.get(key)! + BigInt(size));
  }

  /** The partition the producer's partitioner picks for a keyed message, remembered per key. */
  private partitionOf(topic: string, partitionMetadata: PartitionMetadata[], message: Message & { key: string }): number {
    let keys = this.partitionOfKey.get(topic);
    if (!keys || keys.size >= 100_000) this.partitionOfKey.set(topic, (keys = new Map()));
    let partition = keys.get(message.key);
    if (partition === undefined) {
      partition = this.partitioner({ topic, partitionMetadata, message });
      keys.set(message.key, partition);
    }
    return partition;
  }

  /** The partitions of the given topics, read once per producer. */
  private async partitionsOf(topics: string[]): Promise<Map<string, PartitionMetadata[]>> {
    const unknown = [...new Set(topics)].filter((t) => !this.partitions.has(t));
    if (unknown.length) {
      for (const [topic, partitions] of await this.kafka.partitionsOf(unknown)) this.partitions.set(topic, partitions);
      const none = unknown.filter((t) => !this.partitions.get(t)?.length);
      if (none.length) {
        none.forEach((t) => this.partitions.delete(t));
        throw new Error(`no partitions known for ${none.join(', ')}`);
      }
    }
    return this.partitions;
  }

  private async markPublished(tx: EntityManager, rows: OutboxRow[]): Promise<void> {
    await tx.query(`UPDATE "${this.options.schema}".outbox SET published_at = now() WHERE id = ANY($1::bigint[])`, [
      rows.map((r) => r.id),
    ]);
  }

  private async connectedProducer(): Promise<Producer> {
    if (!this.producer) {
      const producer = this.kafka.idempotentProducer();
      await producer.connect();
      this.producer = producer;
    }
    return this.producer;
  }

  // After a failure the producer is rebuilt: kafkajs producers do not always recover
  // their connections by themselves once a broker has gone away.
  private async resetProducer(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    // A new producer has sequence numbers of its own, and may find partitions added since.
    this.acknowledgedEnd.clear();
    this.partitions.clear();
    this.partitionOfKey.clear();
    await producer?.disconnect().catch(() => undefined);
  }

  /** Waits `ms`; a wake-up cuts the wait short only when `wakeable` (not while backing off). */
  private idle(ms: number, wakeable: boolean): Promise<void> {
    if (this.stopping) return Promise.resolve();
    if (wakeable && this.wakeRequested) {
      this.wakeRequested = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        this.wakeRequested = false;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeUp = () => {
        if (wakeable || this.stopping) done();
      };
    });
  }
}
