import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { contextFromTraceHeaders, serviceOf } from '@sas/telemetry';
import { Logger } from '@nestjs/common';
import { Producer } from 'kafkajs';
import { DataSource, EntityManager } from 'typeorm';
import { KafkaClient } from '../kafka/kafka-client';
import { physicalTopic } from '../kafka/kafka-config';
import { Backoff } from '../backoff';

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
  private readonly knownTopics = new Set<string>();

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
    return { backlog: row.backlog, oldestAgeSeconds: row.age, published: this.published };
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
      await this.send(rows);
      await this.markPublished(tx, rows);
      this.published += rows.length;
      return rows.length;
    });
  }

  private async send(rows: OutboxRow[]): Promise<void> {
    const newTopics = [...new Set(rows.map((r) => r.topic))].filter((t) => !this.knownTopics.has(t));
    if (newTopics.length) {
      await this.kafka.ensureTopics(newTopics);
      newTopics.forEach((t) => this.knownTopics.add(t));
    }
    const producer = await this.connectedProducer();
    const byTopic = new Map<string, { key: string; value: string; headers: Record<string, string> }[]>();
    for (const row of rows) {
      const topic = physicalTopic(this.kafka.config, row.topic);
      if (!byTopic.has(topic)) byTopic.set(topic, []);
      byTopic.get(topic)!.push({ key: row.message_key, value: row.payload, headers: row.headers });
    }
    // One producer span per event, in the trace of the request that wrote it.
    const spans = rows.map((row) =>
      relayTracer.startSpan(
        `publish ${row.headers.ce_type ?? row.topic}`,
        { kind: SpanKind.PRODUCER, attributes: { 'messaging.system': 'kafka', 'messaging.destination.name': row.topic, 'sas.service': this.service } },
        contextFromTraceHeaders(row.headers),
      ),
    );
    try {
      await producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
      });
    } catch (error) {
      spans.forEach((span) => span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message }));
      throw error;
    } finally {
      spans.forEach((span) => span.end());
    }
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

