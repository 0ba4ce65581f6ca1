import { Context, context as otelContext, Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { EventDefinition, EventEnvelope, findEventByType, fromKafkaRecord, validatePayload } from '@sas/contracts';
import { contextFromTraceHeaders } from '@sas/telemetry';
import { KafkaMessage } from 'kafkajs';
import { Backoff, sleep } from '../backoff';
import { physicalTopic } from '../kafka/kafka-config';
import { DeadLetterReason, sendToDeadLetter } from './dead-letter';
import { ConsumerOptions, EventConsumer } from './event-consumer';
import { isTransientError } from './transient-error';

export const tracer = trace.getTracer('sas-messaging');

/** Runs `work` with `span` active under `parent`, marks the span failed if it throws, ends it. */
export async function runInSpan(span: Span, parent: Context, work: () => Promise<void>): Promise<void> {
  try {
    await otelContext.with(trace.setSpan(parent, span), work);
  } catch (error) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
    throw error;
  } finally {
    span.end();
  }
}

/** A message fit for its handler: its envelope and definition. */
export interface Accepted {
  envelope: EventEnvelope;
  def: EventDefinition;
}
/** Why a message must be dead-lettered. */
export interface Refused {
  reason: DeadLetterReason;
  detail: string;
}

/** Where a message is, and how to keep the group membership alive while it is retried. */
export interface MessageAt {
  /** Physical topic (prefixed). */
  topic: string;
  partition: number;
  message: KafkaMessage;
  heartbeat(): Promise<void>;
}

/**
 * What every mode shares, whatever it does with a handler: a message is accepted
 * (decoded, catalogued, on its topic, valid against its schema) or dead-lettered with the
 * reason; a handler failing on an event is retried with backoff and dead-lettered after
 * `maxAttempts`, while an infrastructure error is retried until it goes away; each event
 * handled on its own gets a consume span, child of its producer's. Offsets move on only
 * once a message is handled or dead-lettered, so nothing accepted is lost.
 */
export abstract class ConsumerCore<O extends ConsumerOptions = ConsumerOptions> extends EventConsumer<O> {
  /** The catalogue topic of a physical one. */
  protected logicalTopic(topic: string): string {
    return topic.slice(this.kafka.config.topicPrefix.length);
  }

  /**
   * The envelope of a message fit for its handler, with its definition: decoded, of a
   * catalogued type, on its topic, valid against its schema. Otherwise why it must be
   * dead-lettered.
   */
  protected accept(message: KafkaMessage, logicalTopic: string): Accepted | Refused {
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

  /** Runs `work` under the consume span of an event, child of its producer's. */
  protected inConsumeSpan(
    topic: string,
    envelope: EventEnvelope,
    def: EventDefinition,
    work: () => Promise<void>,
  ): Promise<void> {
    const ctx = contextFromTraceHeaders(envelope);
    const span = tracer.startSpan(
      `consume ${def.name}`,
      {
        kind: SpanKind.CONSUMER,
        attributes: { 'messaging.system': 'kafka', 'messaging.destination.name': topic, 'sas.service': this.service },
      },
      ctx,
    );
    return runInSpan(span, ctx, work);
  }

  /**
   * Runs `once` (the handler through the inbox; resolves whether it ran or was a
   * duplicate), retrying: an event failing `maxAttempts` times on itself is
   * dead-lettered; an infrastructure error is retried until it goes away. `failure`: the
   * handler already failed once, outside the inbox, with this error.
   */
  protected async handleWithRetry(
    at: MessageAt,
    envelope: EventEnvelope,
    once: () => Promise<boolean>,
    failure?: { error: unknown },
  ): Promise<void> {
    const maxAttempts = this.options.maxAttempts ?? 4;
    const backoff = new Backoff(100, 5000);
    let failed = failure !== undefined;
    let error = failure?.error;
    for (let attempt = failed ? 1 : 0; ;) {
      if (failed) {
        const transient = isTransientError(error);
        if (!transient && attempt >= maxAttempts) {
          return this.deadLetter(at.topic, at.partition, at.message, 'handler-failed', (error as Error).message);
        }
        // Infrastructure errors block the partition until it comes back: the event is fine.
        if (this.stopping) throw error;
        const delay = backoff.next();
        this.logger.warn(
          `${envelope.type} ${envelope.id} failed (attempt ${attempt}), retrying in ${delay} ms: ${(error as Error).message}`,
        );
        await sleep(delay);
        await at.heartbeat().catch(() => undefined);
      }
      attempt++;
      try {
        if (await once()) this.stats.handled++;
        else this.stats.duplicates++;
        return;
      } catch (e) {
        failed = true;
        error = e;
      }
    }
  }

  /** Copies the message to the dead-letter topic with the reason; the partition moves past it. */
  protected async deadLetter(
    topic: string,
    partition: number,
    message: KafkaMessage,
    reason: DeadLetterReason,
    detail: string,
  ): Promise<void> {
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
