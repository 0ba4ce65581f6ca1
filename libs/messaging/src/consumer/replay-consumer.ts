import { context as otelContext, SpanKind } from '@opentelemetry/api';
import { Consumer, ConsumerConfig, EachBatchPayload } from 'kafkajs';
import { ConsumerCore, runInSpan, tracer } from './consumer-core';
import { ConsumerOptions, Positions } from './event-consumer';
import { NO_INBOX, SyncInbox } from './inbox';

export interface ReplayConsumerOptions extends ConsumerOptions {
  inbox: SyncInbox;
  /** Events handled without asking the inbox (their handlers are idempotent by themselves). */
  idempotentEvents?: ReadonlySet<string>;
  /** Called after each batch, once its positions are recorded; the next batch waits for it. */
  afterBatch?: () => void | Promise<void>;
}

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

/**
 * An in-memory read model that every replica rebuilds by replaying the topics from the
 * beginning under a group of its own (handlers get no transaction). Messages are read a
 * batch at a time: each is still decoded, checked against its contract, deduplicated and
 * dead-lettered on its own, but the span, the offset bookkeeping and the heartbeat are
 * once per batch, and the in-memory inbox is asked without a promise per event. No offset
 * is committed: nothing resumes from them (the positions live in memory, like the model).
 * Events produced after the consumer started that carry a trace context still get a span
 * each, child of their producer's.
 */
export class ReplayConsumer extends ConsumerCore<ReplayConsumerOptions> {
  /** Where the next start resumes (resumeAt), instead of the beginning. */
  private resumeFrom?: Positions;
  /** Epoch ms of the last start: events produced since are live. */
  private liveSince = 0;

  /**
   * The next start resumes at these positions (keyed like currentPositions) rather than at
   * the beginning — for a read model restored from a snapshot taken at them. Partitions
   * not listed are read from the beginning.
   */
  resumeAt(positions: Positions): void {
    this.resumeFrom = new Map(positions);
  }

  protected override onStart(): void {
    super.onStart();
    for (const [tp, offset] of this.resumeFrom ?? []) this.positions.set(tp, offset);
    this.resumeFrom = undefined;
    this.liveSince = Date.now();
  }

  protected override fetchConfig(): Partial<ConsumerConfig> {
    return REPLAY_FETCH;
  }

  // The group is this replica's alone and commits nothing: the positions it holds (restored
  // from a snapshot, or reached before a reconnection) are where it goes on.
  protected override async beforeJoin(): Promise<void> {
    if (this.positions.size === 0) return;
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

  protected async run(consumer: Consumer): Promise<void> {
    await consumer.run({ autoCommit: false, eachBatchAutoResolve: false, eachBatch: (payload) => this.processBatch(payload) });
  }

  /** A batch of one partition under one span; the messages in turn, as one at a time would. */
  private async processBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    if (batch.messages.length === 0) return;
    const span = tracer.startSpan(`consume batch ${this.logicalTopic(batch.topic)}`, {
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

  /**
   * An event produced since this consumer started that carries a trace context (a live
   * event, not history being replayed) is handled under a span of its own, child of its
   * producer's, so its trace goes on into this service. The batch stops early when the
   * consumer stops, is paused or is sought elsewhere; what it processed is resolved, the
   * rest is fetched again.
   */
  private async processMessages(payload: EachBatchPayload): Promise<void> {
    const { topic, partition, messages } = payload.batch;
    const logicalTopic = this.logicalTopic(topic);
    const { handlers, idempotentEvents, inbox } = this.options;
    const stats = this.stats;
    const liveSince = this.liveSince;
    let done = -1;
    try {
      for (let i = 0; i < messages.length; i++) {
        if (this.interrupted(payload)) break;
        const message = messages[i];
        const accepted = this.accept(message, logicalTopic);
        if ('reason' in accepted) {
          await this.deadLetter(topic, partition, message, accepted.reason, accepted.detail);
        } else {
          const { envelope, def } = accepted;
          const handler = handlers.get(def.name);
          if (!handler) {
            stats.ignored++;
          } else {
            const dedupe = idempotentEvents?.has(def.name) ? NO_INBOX : inbox;
            const context = { envelope, topic: logicalTopic, partition };
            if (envelope.traceparent !== undefined && Number(message.timestamp) >= liveSince) {
              await this.inConsumeSpan(topic, envelope, def, () =>
                this.handleWithRetry({ topic, partition, message, heartbeat: payload.heartbeat }, envelope, () =>
                  dedupe.runOnce(envelope.id, async () => handler(envelope.data, context)),
                ),
              );
            } else if (dedupe.has(envelope.id)) {
              stats.duplicates++;
            } else {
              let failed = false;
              try {
                // Awaited only when the handler returned a promise: an in-memory model usually answers at once.
                const pending = handler(envelope.data, context);
                if (pending) await pending;
              } catch (error) {
                failed = true;
                // The first attempt failed: the slow path retries (and counts) from there.
                await this.handleWithRetry(
                  { topic, partition, message, heartbeat: payload.heartbeat },
                  envelope,
                  () => dedupe.runOnce(envelope.id, async () => handler(envelope.data, context)),
                  { error },
                );
              }
              if (!failed) {
                dedupe.add(envelope.id);
                stats.handled++;
              }
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
}
