import { Logger } from '@nestjs/common';
import { Context, context as otelContext, Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { EventDefinition, EventEnvelope, findEventByType, fromKafkaRecord, validatePayload } from '@sas/contracts';
import { contextFromTraceHeaders, serviceOf } from '@sas/telemetry';
import { Consumer, ConsumerConfig, EachBatchPayload, EachMessagePayload, KafkaMessage, Producer } from 'kafkajs';
import { EntityManager } from 'typeorm';
import { Backoff, sleep } from '../backoff';
import { KafkaClient } from '../kafka/kafka-client';
import { physicalGroup, physicalTopic } from '../kafka/kafka-config';
import { DeadLetterReason, sendToDeadLetter } from './dead-letter';
import { EventHandler, HandlerMap } from './event-handler';
import { BatchInbox, Inbox, isBatchInbox, isSyncInbox, NO_INBOX } from './inbox';
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
  /**
   * For an in-memory read model that every replica rebuilds by replaying the topics from
   * the beginning under a group of its own (handlers get no transaction). Messages are
   * read a batch at a time (eachBatch) instead of one at a time: each is still decoded,
   * checked against its contract, deduplicated and dead-lettered on its own, but the
   * span, the offset bookkeeping and the heartbeat are once per batch, and an in-memory
   * inbox is asked without a promise per event. No offset is committed: nothing resumes
   * from them (the positions live in memory, like the model), and fetches are sized to
   * catch up. Events produced after the consumer started that carry a trace context
   * still get a span each, child of their producer's (see processBatch).
   */
  replay?: boolean;
  /**
   * Replay only: called after each batch, once its positions are recorded; the next batch
   * waits for what it returns (partitions are consumed one batch at a time). Until then
   * the read model and currentPositions() agree, e.g. to snapshot both.
   */
  afterBatch?: () => void | Promise<void>;
  /**
   * Events whose handlers give the same result however often an event is handled (a slot
   * state carries its revision, older ones are ignored): handled without asking the
   * inbox, which then remembers only the ids of the others. Their handlers get no
   * transaction from the inbox.
   */
  idempotentEvents?: ReadonlySet<string>;
  /**
   * For a consumer whose inbox is in PostgreSQL and whose handlers only write to the
   * database: messages are read a batch at a time, and the events of a batch handled in
   * one transaction with their inbox rows, up to TRANSACTION_EVENTS at a time — one
   * commit for many events instead of one each. Each event still gets its consume span,
   * child of its producer's. A message that must be dead-lettered ends the transaction
   * before it; a transaction that fails is replayed one event at a time (retries, dead
   * letters), exactly as without this option. Offsets are committed once the transaction
   * has.
   */
  transactionalBatches?: boolean;
  /**
   * For handlers that defer their writes to the end of the transaction they are given
   * (one statement for a batch's counts instead of one per event): called in every
   * transaction the consumer runs handlers in, after them and before the commit.
   */
  beforeCommit?: (tx: EntityManager) => Promise<void>;
}

/** Events handled in one transaction at most (transactionalBatches). */
export const TRANSACTION_EVENTS = 500;

/**
 * Fetch sizes of a replaying consumer: 1 MB a partition (about 1,000 slot events, the
 * kafkajs default) and 6 MB a fetch. Larger fetches save little (a round trip per
 * thousands of events) and cost resident memory: kafkajs decodes a whole fetch into
 * objects that live until its batches are done, and what outlives a young-generation
 * collection grows the old generation. minBytes stays 1: once caught up, a new event is
 * handed over as soon as it is written (freshness), not after maxWaitTimeInMs.
 */
export const REPLAY_FETCH: Pick<ConsumerConfig, 'maxBytesPerPartition' | 'maxBytes' | 'minBytes' | 'maxWaitTimeInMs'> = {
  maxBytesPerPartition: 1024 * 1024,
  maxBytes: 6 * 1024 * 1024,
  minBytes: 1,
  maxWaitTimeInMs: 1000,
};

/** Messages between two heartbeats within a batch. */
const HEARTBEAT_EVERY = 1024;

export interface ConsumerStats {
  handled: number;
  duplicates: number;
  ignored: number;
  deadLettered: number;
}

/** A topic-partition position: the offset of the next message to process. */
export type Positions = Map<string, bigint>;

const tracer = trace.getTracer('sas-messaging');

/** Runs `work` with `span` active under `parent`, marks the span failed if it throws, ends it. */
async function runInSpan(span: Span, parent: Context, work: () => Promise<void>): Promise<void> {
  try {
    await otelContext.with(trace.setSpan(parent, span), work);
  } catch (error) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
    throw error;
  } finally {
    span.end();
  }
}

/**
 * Consumes catalogue topics: validates every message against its contract,
 * deduplicates by event id, retries failures and dead-letters what cannot be
 * processed, then moves on. Offsets are committed only after a message is handled
 * or dead-lettered, so nothing accepted is lost (a replaying consumer commits none:
 * see EventConsumerOptions.replay).
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
  /** Where the next start resumes (resumeAt), instead of the beginning. */
  private resumeFrom?: Positions;
  /** Epoch ms of the last start: events produced since are live (see processBatch). */
  private liveSince = 0;
  readonly stats: ConsumerStats = { handled: 0, duplicates: 0, ignored: 0, deadLettered: 0 };
  /** The group id Kafka sees (prefixed like the topics); `groupId` stays the logical one (inbox, metrics). */
  readonly kafkaGroupId: string;

  constructor(
    private readonly kafka: KafkaClient,
    private readonly options: EventConsumerOptions,
  ) {
    this.logger = new Logger(`EventConsumer:${options.groupId}`);
    this.service = serviceOf(kafka.config.clientId);
    this.kafkaGroupId = physicalGroup(kafka.config, options.groupId);
  }

  /** Connects and starts consuming; retries in the background while Kafka is unreachable. */
  start(): Promise<void> {
    this.stopping = false;
    this.positions.clear();
    for (const [tp, offset] of this.resumeFrom ?? []) this.positions.set(tp, offset);
    this.resumeFrom = undefined;
    this.liveSince = Date.now();
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

  /**
   * Replay only: the next start resumes at these positions (keyed like currentPositions)
   * rather than at the beginning — for a read model restored from a snapshot taken at them.
   * Partitions not listed are read from the beginning.
   */
  resumeAt(positions: Positions): void {
    if (!this.options.replay) throw new Error('only a replaying consumer resumes at positions of its own');
    this.resumeFrom = new Map(positions);
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
      groupId: this.kafkaGroupId,
      allowAutoTopicCreation: false,
      sessionTimeout: 10000,
      rebalanceTimeout: 10000,
      heartbeatInterval: 1000,
      // A shorter long-poll: a stopping consumer waits for the fetch in flight.
      maxWaitTimeInMs: 1000,
      ...(options.replay ? REPLAY_FETCH : {}),
    });
    // A replay group is this replica's alone and commits nothing: the positions it holds
    // (restored from a snapshot, or reached before a reconnection) are where it goes on.
    if (options.replay && this.positions.size > 0) await this.commitPositions();
    await this.consumer.connect();
    await this.consumer.subscribe({
      topics: options.topics.map((t) => physicalTopic(kafka.config, t)),
      fromBeginning: options.fromBeginning ?? true,
    });
    const { inbox } = options;
    if (options.replay) {
      await this.consumer.run({ autoCommit: false, eachBatchAutoResolve: false, eachBatch: (payload) => this.processBatch(payload) });
    } else if (options.transactionalBatches && isBatchInbox(inbox)) {
      await this.consumer.run({ eachBatchAutoResolve: false, eachBatch: (payload) => this.processInTransactions(payload, inbox) });
    } else {
      await this.consumer.run({ eachMessage: (payload) => this.process(payload) });
    }
    // Reconnected while an operator had paused it: stay paused.
    if (this.pausedByOperator) this.consumer.pause(this.physicalTopics());
  }

  private async commitPositions(): Promise<void> {
    const byTopic = new Map<string, { partition: number; offset: string }[]>();
    for (const [tp, offset] of this.positions) {
      const at = tp.lastIndexOf(':');
      const topic = tp.slice(0, at);
      if (!byTopic.has(topic)) byTopic.set(topic, []);
      byTopic.get(topic)!.push({ partition: Number(tp.slice(at + 1)), offset: String(offset) });
    }
    const admin = await this.kafka.sharedAdmin();
    for (const [topic, partitions] of byTopic) await admin.setOffsets({ groupId: this.kafkaGroupId, topic, partitions });
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

  /**
   * The envelope of a message fit for its handler, with its definition: decoded, of a
   * catalogued type, on its topic, valid against its schema. Otherwise why it must be
   * dead-lettered.
   */
  private accept(message: KafkaMessage, logicalTopic: string): Accepted | Refused {
    let envelope: EventEnvelope;
    try {
      envelope = fromKafkaRecord(message);
    } catch (error) {
      return { reason: 'invalid-envelope', detail: (error as Error).message };
    }
    const def = findEventByType(envelope.type);
    if (!def) return { reason: 'unknown-event-type', detail: `no event ${envelope.type} in the catalogue` };
    if (def.topic !== logicalTopic) return { reason: 'wrong-topic', detail: `${def.name} belongs on ${def.topic}` };
    const errors = validatePayload(def, envelope.data);
    if (errors.length) return { reason: 'schema-validation', detail: errors.join('; ') };
    return { envelope, def };
  }

  private async process(payload: EachMessagePayload): Promise<void> {
    const { topic, partition, message } = payload;
    const accepted = this.accept(message, topic.slice(this.kafka.config.topicPrefix.length));
    if ('reason' in accepted) return this.deadLetter(topic, partition, message, accepted.reason, accepted.detail);
    const { envelope, def } = accepted;
    const handler = this.options.handlers.get(def.name);
    if (!handler) {
      this.stats.ignored++;
    } else {
      await this.handleInSpan(payload, envelope, def, handler);
    }
    this.positions.set(`${topic}:${partition}`, BigInt(message.offset) + 1n);
  }

  /** Handles one event under a span of its own, child of its producer's. */
  private handleInSpan(at: MessageAt, envelope: EventEnvelope, def: EventDefinition, handler: EventHandler): Promise<void> {
    return this.inConsumeSpan(at.topic, envelope, def, () => this.handleWithRetry(at, envelope, def, handler));
  }

  /** Runs `work` under the consume span of an event, child of its producer's. */
  private inConsumeSpan(topic: string, envelope: EventEnvelope, def: EventDefinition, work: () => Promise<void>): Promise<void> {
    const ctx = contextFromTraceHeaders(envelope);
    const span = tracer.startSpan(`consume ${def.name}`, { kind: SpanKind.CONSUMER, attributes: { 'messaging.system': 'kafka', 'messaging.destination.name': topic, 'sas.service': this.service } }, ctx);
    return runInSpan(span, ctx, work);
  }

  /**
   * A batch of one partition, its events handled in transactions of up to
   * TRANSACTION_EVENTS (see EventConsumerOptions.transactionalBatches). Stops early when
   * the consumer stops, is paused or is sought elsewhere; what it processed is resolved
   * (and committed by kafkajs after the batch), the rest is fetched again.
   */
  private async processInTransactions(payload: EachBatchPayload, inbox: BatchInbox): Promise<void> {
    const { topic, partition, messages } = payload.batch;
    const logicalTopic = topic.slice(this.kafka.config.topicPrefix.length);
    for (let i = 0; i < messages.length; ) {
      if (this.stopping || this.pausedByOperator || !payload.isRunning() || payload.isStale()) return;
      // The events fit for their handlers, up to the first message to dead-letter.
      const run: AcceptedMessage[] = [];
      let refused: Refused | undefined;
      for (; i < messages.length && run.length < TRANSACTION_EVENTS; i++) {
        const accepted = this.accept(messages[i], logicalTopic);
        if ('reason' in accepted) {
          refused = accepted;
          break;
        }
        run.push({ ...accepted, message: messages[i], handler: this.options.handlers.get(accepted.def.name) });
      }
      if (run.length) await this.handleRun(payload, inbox, run);
      if (refused) {
        await this.deadLetter(topic, partition, messages[i], refused.reason, refused.detail);
        payload.resolveOffset(messages[i].offset);
        i++;
      }
      await payload.heartbeat();
    }
  }

  /** Handles a run of accepted events in one transaction, else one at a time. */
  private async handleRun(payload: EachBatchPayload, inbox: BatchInbox, run: AcceptedMessage[]): Promise<void> {
    const { topic, partition } = payload.batch;
    const handled = run.flatMap(({ envelope, def, handler }) => (handler ? [{ eventId: envelope.id, work: (tx: EntityManager) => this.inConsumeSpan(topic, envelope, def, () => handler(envelope, tx)) }] : []));
    try {
      const ran = await inbox.runAll(handled, this.options.beforeCommit);
      const count = ran.filter(Boolean).length;
      this.stats.handled += count;
      this.stats.duplicates += ran.length - count;
      this.stats.ignored += run.length - handled.length;
    } catch {
      // Nothing was committed: the events again, each in its own transaction, with retries and dead letters.
      for (const { message, envelope, def, handler } of run) {
        if (handler) await this.handleInSpan({ topic, partition, message, heartbeat: payload.heartbeat }, envelope, def, handler);
        else this.stats.ignored++;
        this.resolve(payload, message);
      }
      return;
    }
    this.resolve(payload, run[run.length - 1].message);
  }

  /** The inbox that deduplicates an event: none for the events declared idempotent. */
  private inboxFor(def: EventDefinition): Inbox {
    return this.options.idempotentEvents?.has(def.name) ? NO_INBOX : this.options.inbox;
  }

  private resolve(payload: EachBatchPayload, message: KafkaMessage): void {
    payload.resolveOffset(message.offset);
    this.positions.set(`${payload.batch.topic}:${payload.batch.partition}`, BigInt(message.offset) + 1n);
  }

  /**
   * A batch of one partition (replay): one span for the batch, under which each message
   * is decoded, checked and handled in turn, dead-lettered when it cannot be, exactly as
   * one at a time. An event produced since this consumer started that carries a trace
   * context (a live event, not history being replayed) is handled under a span of its
   * own, child of its producer's, so its trace goes on into this service. The batch
   * stops early when the consumer stops, is paused or is sought elsewhere; what it
   * processed is resolved, the rest is fetched again.
   */
  private async processBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    if (batch.messages.length === 0) return;
    const span = tracer.startSpan(`consume batch ${batch.topic.slice(this.kafka.config.topicPrefix.length)}`, {
      kind: SpanKind.CONSUMER,
      attributes: {
        'messaging.system': 'kafka',
        'messaging.destination.name': batch.topic,
        'messaging.destination.partition.id': String(batch.partition),
        'messaging.batch.message_count': batch.messages.length,
        'sas.service': this.service,
      },
    });
    await runInSpan(span, otelContext.active(), () => this.processMessages(payload));
  }

  private async processMessages(payload: EachBatchPayload): Promise<void> {
    const { topic, partition, messages } = payload.batch;
    const logicalTopic = topic.slice(this.kafka.config.topicPrefix.length);
    const { handlers } = this.options;
    const stats = this.stats;
    const liveSince = this.liveSince;
    let done = -1;
    try {
      for (let i = 0; i < messages.length; i++) {
        if (this.stopping || this.pausedByOperator || !payload.isRunning() || payload.isStale()) break;
        const message = messages[i];
        const accepted = this.accept(message, logicalTopic);
        if ('reason' in accepted) {
          await this.deadLetter(topic, partition, message, accepted.reason, accepted.detail);
        } else {
          const { envelope, def } = accepted;
          const handler = handlers.get(def.name);
          const inbox = this.inboxFor(def);
          if (!handler) {
            stats.ignored++;
          } else if (envelope.traceparent !== undefined && Number(message.timestamp) >= liveSince) {
            await this.handleInSpan({ topic, partition, message, heartbeat: payload.heartbeat }, envelope, def, handler);
          } else if (!isSyncInbox(inbox)) {
            await this.handleWithRetry({ topic, partition, message, heartbeat: payload.heartbeat }, envelope, def, handler);
          } else if (inbox.has(envelope.id)) {
            stats.duplicates++;
          } else {
            let failed = false;
            try {
              await handler(envelope);
            } catch (error) {
              failed = true;
              // The first attempt failed: the slow path retries (and counts) from there.
              await this.handleWithRetry({ topic, partition, message, heartbeat: payload.heartbeat }, envelope, def, handler, { error });
            }
            if (!failed) {
              inbox.add(envelope.id);
              stats.handled++;
            }
          }
        }
        done = i;
        if (i % HEARTBEAT_EVERY === HEARTBEAT_EVERY - 1) await payload.heartbeat();
      }
    } finally {
      if (done >= 0) {
        const offset = messages[done].offset;
        payload.resolveOffset(offset);
        this.positions.set(`${topic}:${partition}`, BigInt(offset) + 1n);
      }
    }
    await this.options.afterBatch?.();
  }

  /**
   * Runs the handler through the inbox, retrying: an event failing `maxAttempts` times
   * on itself is dead-lettered; an infrastructure error is retried until it goes away.
   * `failure`: the handler already failed once, outside the inbox, with this error.
   */
  private async handleWithRetry(at: MessageAt, envelope: EventEnvelope, def: EventDefinition, handler: EventHandler, failure?: { error: unknown }): Promise<void> {
    const maxAttempts = this.options.maxAttempts ?? 4;
    const backoff = new Backoff(100, 5000);
    let failed = failure !== undefined;
    let error = failure?.error;
    for (let attempt = failed ? 1 : 0; ; ) {
      if (failed) {
        const transient = isTransientError(error);
        if (!transient && attempt >= maxAttempts) {
          return this.deadLetter(at.topic, at.partition, at.message, 'handler-failed', (error as Error).message);
        }
        // Infrastructure errors block the partition until it comes back: the event is fine.
        if (this.stopping) throw error;
        const delay = backoff.next();
        this.logger.warn(`${envelope.type} ${envelope.id} failed (attempt ${attempt}), retrying in ${delay} ms: ${(error as Error).message}`);
        await sleep(delay);
        await at.heartbeat().catch(() => undefined);
      }
      attempt++;
      try {
        const { beforeCommit } = this.options;
        const ran = await this.inboxFor(def).runOnce(envelope.id, async (tx) => {
          await handler(envelope, tx);
          if (beforeCommit && tx) await beforeCommit(tx);
        });
        if (ran) this.stats.handled++;
        else this.stats.duplicates++;
        return;
      } catch (e) {
        failed = true;
        error = e;
      }
    }
  }

  private async deadLetter(topic: string, partition: number, message: KafkaMessage, reason: DeadLetterReason, detail: string): Promise<void> {
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

/** A message fit for its handler, or why it must be dead-lettered. */
interface Accepted {
  envelope: EventEnvelope;
  def: EventDefinition;
}
/** An accepted message of a transactional batch, with its handler if it has one. */
interface AcceptedMessage extends Accepted {
  message: KafkaMessage;
  handler: EventHandler | undefined;
}
interface Refused {
  reason: DeadLetterReason;
  detail: string;
}

/** Where a message is, and how to keep the group membership alive while it is retried. */
interface MessageAt {
  topic: string;
  partition: number;
  message: KafkaMessage;
  heartbeat(): Promise<void>;
}
