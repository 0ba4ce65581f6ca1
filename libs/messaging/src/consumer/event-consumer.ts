import { Logger } from '@nestjs/common';
import { context as otelContext, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { EventEnvelope, findEventByType, fromKafkaRecord, validatePayload } from '@sas/contracts';
import { contextFromTraceHeaders, serviceOf } from '@sas/telemetry';
import { Consumer, EachMessagePayload, Producer } from 'kafkajs';
import { Backoff, sleep } from '../backoff';
import { KafkaClient } from '../kafka/kafka-client';
import { physicalTopic } from '../kafka/kafka-config';
import { DeadLetterReason, sendToDeadLetter } from './dead-letter';
import { EventHandler, HandlerMap } from './event-handler';
import { Inbox } from './inbox';
import { isTransientError } from './transient-error';

export interface EventConsumerOptions {
  groupId: string;
  /** Catalogue topics (without prefix). */
  topics: string[];
  handlers: HandlerMap;
  inbox: Inbox;
  deadLetterTopic: string;
  fromBeginning?: boolean;
  /** Attempts for a handler failing on the event itself before it is dead-lettered. */
  maxAttempts?: number;
}

export interface ConsumerStats {
  handled: number;
  duplicates: number;
  ignored: number;
  deadLettered: number;
}

/** A topic-partition position: the offset of the next message to process. */
export type Positions = Map<string, bigint>;

const tracer = trace.getTracer('sas-messaging');

/**
 * Consumes catalogue topics: validates every message against its contract,
 * deduplicates by event id, retries failures and dead-letters what cannot be
 * processed, then moves on. Offsets are committed only after a message is handled
 * or dead-lettered, so nothing accepted is lost.
 */
export class EventConsumer {
  private readonly logger: Logger;
  private consumer?: Consumer;
  private producer?: Producer;
  private stopping = false;
  private starting?: Promise<void>;
  private pausedByOperator = false;
  /** Named once: every consume span carries it. */
  private readonly service: string;
  private readonly positions: Positions = new Map();
  readonly stats: ConsumerStats = { handled: 0, duplicates: 0, ignored: 0, deadLettered: 0 };

  constructor(
    private readonly kafka: KafkaClient,
    private readonly options: EventConsumerOptions,
  ) {
    this.logger = new Logger(`EventConsumer:${options.groupId}`);
    this.service = serviceOf(kafka.config.clientId);
  }

  /** Connects and starts consuming; retries in the background while Kafka is unreachable. */
  start(): Promise<void> {
    this.stopping = false;
    this.positions.clear();
    const starting = this.connectUntilStopped().finally(() => {
      if (this.starting === starting) this.starting = undefined;
    });
    this.starting = starting;
    return starting;
  }

  private async connectUntilStopped(): Promise<void> {
    const backoff = new Backoff(500, 5000);
    while (!this.stopping) {
      try {
        await this.connect();
        // stop() was called while connecting: it could not see this consumer yet.
        if (this.stopping) await this.disconnect();
        return;
      } catch (error) {
        await this.disconnect();
        const delay = backoff.next();
        this.logger.warn(`cannot start consumer, retrying in ${delay} ms: ${(error as Error).message}`);
        await sleep(delay);
      }
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    // A start in flight finishes (and disconnects itself) or is left to do so later.
    if (this.starting) await Promise.race([this.starting.catch(() => undefined), sleep(5000)]);
    await this.disconnect();
  }

  get groupId(): string {
    return this.options.groupId;
  }

  /** Whether an operator paused it (it keeps its place and reports its lag meanwhile). */
  get paused(): boolean {
    return this.pausedByOperator;
  }

  /** Stops fetching until resume(); the group membership, positions and lag reporting stay. */
  pause(): void {
    this.pausedByOperator = true;
    this.consumer?.pause(this.physicalTopics());
  }

  resume(): void {
    this.pausedByOperator = false;
    this.consumer?.resume(this.physicalTopics());
  }

  private physicalTopics(): { topic: string }[] {
    return this.options.topics.map((t) => ({ topic: physicalTopic(this.kafka.config, t) }));
  }

  /** The catalogue topics it reads. */
  get topics(): string[] {
    return this.options.topics;
  }

  /** Next offset to process for each partition seen so far, keyed `topic:partition`. */
  currentPositions(): Positions {
    return new Map(this.positions);
  }

  private async connect(): Promise<void> {
    const { kafka, options } = this;
    await kafka.ensureTopics([...options.topics, options.deadLetterTopic]);
    this.producer = kafka.idempotentProducer();
    await this.producer.connect();
    // A short session lets a restarted replica take over quickly from one that died.
    this.consumer = kafka.kafka.consumer({
      groupId: options.groupId,
      allowAutoTopicCreation: false,
      sessionTimeout: 10000,
      rebalanceTimeout: 10000,
      heartbeatInterval: 1000,
      // A shorter long-poll: a stopping consumer waits for the fetch in flight.
      maxWaitTimeInMs: 1000,
    });
    await this.consumer.connect();
    await this.consumer.subscribe({
      topics: options.topics.map((t) => physicalTopic(kafka.config, t)),
      fromBeginning: options.fromBeginning ?? true,
    });
    await this.consumer.run({ eachMessage: (payload) => this.process(payload) });
    // Reconnected while an operator had paused it: stay paused.
    if (this.pausedByOperator) this.consumer.pause(this.physicalTopics());
  }

  // A consumer still joining its group can take a whole rebalance to disconnect; the
  // wait is bounded, and the broker drops the member after its session timeout. Any
  // offset not committed yet is redelivered and deduplicated by the inbox.
  private async disconnect(timeoutMs = 3000): Promise<void> {
    const { consumer, producer } = this;
    this.consumer = undefined;
    this.producer = undefined;
    const disconnected = Promise.all([consumer?.disconnect(), producer?.disconnect()]).catch(() => undefined);
    const timedOut = await Promise.race([disconnected.then(() => false), sleep(timeoutMs).then(() => true)]);
    if (timedOut) this.logger.warn(`consumer did not disconnect within ${timeoutMs} ms; leaving it to the session timeout`);
  }

  private async process(payload: EachMessagePayload): Promise<void> {
    const { topic, partition, message } = payload;
    const logicalTopic = topic.slice(this.kafka.config.topicPrefix.length);
    let envelope: EventEnvelope;
    try {
      envelope = fromKafkaRecord(message);
    } catch (error) {
      return this.deadLetter(payload, 'invalid-envelope', (error as Error).message);
    }
    const def = findEventByType(envelope.type);
    if (!def) return this.deadLetter(payload, 'unknown-event-type', `no event ${envelope.type} in the catalogue`);
    if (def.topic !== logicalTopic) return this.deadLetter(payload, 'wrong-topic', `${def.name} belongs on ${def.topic}`);
    const errors = validatePayload(def, envelope.data);
    if (errors.length) return this.deadLetter(payload, 'schema-validation', errors.join('; '));

    const handler = this.options.handlers.get(def.name);
    if (!handler) {
      this.stats.ignored++;
    } else {
      const ctx = contextFromTraceHeaders(envelope);
      const span = tracer.startSpan(`consume ${def.name}`, { kind: SpanKind.CONSUMER, attributes: { 'messaging.system': 'kafka', 'messaging.destination.name': topic, 'sas.service': this.service } }, ctx);
      try {
        await otelContext.with(trace.setSpan(ctx, span), () => this.handleWithRetry(payload, envelope, handler));
      } catch (error) {
        span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
        throw error;
      } finally {
        span.end();
      }
    }
    this.positions.set(`${topic}:${partition}`, BigInt(message.offset) + 1n);
  }

  private async handleWithRetry(
    payload: EachMessagePayload,
    envelope: EventEnvelope,
    handler: EventHandler,
  ): Promise<void> {
    const maxAttempts = this.options.maxAttempts ?? 4;
    const backoff = new Backoff(100, 5000);
    for (let attempt = 1; ; attempt++) {
      try {
        const ran = await this.options.inbox.runOnce(envelope.id, (tx) => handler(envelope, tx));
        if (ran) this.stats.handled++;
        else this.stats.duplicates++;
        return;
      } catch (error) {
        const transient = isTransientError(error);
        if (!transient && attempt >= maxAttempts) {
          return this.deadLetter(payload, 'handler-failed', (error as Error).message);
        }
        // Infrastructure errors block the partition until it comes back: the event is fine.
        if (this.stopping) throw error;
        const delay = backoff.next();
        this.logger.warn(`${envelope.type} ${envelope.id} failed (attempt ${attempt}), retrying in ${delay} ms: ${(error as Error).message}`);
        await sleep(delay);
        await payload.heartbeat().catch(() => undefined);
      }
    }
  }

  private async deadLetter(payload: EachMessagePayload, reason: DeadLetterReason, detail: string): Promise<void> {
    const { topic, partition, message } = payload;
    this.logger.warn(`dead-lettering ${topic}[${partition}]@${message.offset}: ${reason}: ${detail}`);
    await sendToDeadLetter(this.producer!, physicalTopic(this.kafka.config, this.options.deadLetterTopic), {
      reason,
      detail,
      sourceTopic: topic,
      partition,
      message,
      consumerGroup: this.options.groupId,
    });
    this.stats.deadLettered++;
    this.positions.set(`${topic}:${partition}`, BigInt(message.offset) + 1n);
  }
}
