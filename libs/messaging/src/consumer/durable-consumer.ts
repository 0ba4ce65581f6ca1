import { EventEnvelope } from '@sas/contracts';
import { Consumer, EachMessagePayload } from 'kafkajs';
import { EntityManager } from 'typeorm';
import { ConsumerCore, MessageAt } from './consumer-core';
import { ConsumerOptions } from './event-consumer';
import { BoundHandler } from './event-handler';
import { DurableInbox } from './inbox';

export interface DurableConsumerOptions extends ConsumerOptions {
  inbox: DurableInbox;
  /** Called in every transaction the consumer runs handlers in, after them and before the commit. */
  beforeCommit?: (tx: EntityManager) => Promise<void>;
}

/**
 * Durable handlers, one message at a time: each event is handled in a transaction with
 * its inbox row (a redelivered event is applied once), under a consume span, retried and
 * dead-lettered by the core; kafkajs commits the offset once the message is done.
 */
export class DurableConsumer<O extends DurableConsumerOptions = DurableConsumerOptions> extends ConsumerCore<O> {
  protected async run(consumer: Consumer): Promise<void> {
    await consumer.run({ eachMessage: (payload) => this.process(payload) });
  }

  private async process(payload: EachMessagePayload): Promise<void> {
    const { topic, partition, message } = payload;
    const logicalTopic = this.logicalTopic(topic);
    const accepted = this.accept(message, logicalTopic);
    if ('reason' in accepted) return this.deadLetter(topic, partition, message, accepted.reason, accepted.detail);
    const { envelope, def } = accepted;
    const handler = this.options.handlers.get(def.name);
    if (!handler) this.stats.ignored++;
    else await this.inConsumeSpan(topic, envelope, def, () => this.handleOne(payload, envelope, handler));
    this.positions.set(`${topic}:${partition}`, BigInt(message.offset) + 1n);
  }

  /** One event in its own transaction with its inbox row, retried (the fallback of a batch too). */
  protected handleOne(at: MessageAt, envelope: EventEnvelope, handler: BoundHandler): Promise<void> {
    const context = { envelope, topic: this.logicalTopic(at.topic), partition: at.partition };
    const { beforeCommit, inbox } = this.options;
    return this.handleWithRetry(at, envelope, () =>
      inbox.runOnce(envelope.id, async (tx) => {
        await handler(envelope.data, { ...context, tx });
        if (beforeCommit) await beforeCommit(tx);
      }),
    );
  }
}
