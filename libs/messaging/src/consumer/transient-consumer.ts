import { Consumer, EachMessagePayload } from 'kafkajs';
import { ConsumerCore } from './consumer-core';
import { ConsumerOptions } from './event-consumer';
import { SyncInbox } from './inbox';

export interface TransientConsumerOptions extends ConsumerOptions {
  inbox: SyncInbox;
}

/**
 * Handlers without a database effect (they get no transaction), one message at a time:
 * deduplicated by an in-memory inbox, retried and dead-lettered by the core, offsets
 * committed by kafkajs once a message is done. What the handlers do must survive being
 * done again after a restart (the memory of handled ids goes with the process).
 */
export class TransientConsumer extends ConsumerCore<TransientConsumerOptions> {
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
    if (!handler) {
      this.stats.ignored++;
    } else {
      const context = { envelope, topic: logicalTopic, partition };
      await this.inConsumeSpan(topic, envelope, def, () =>
        this.handleWithRetry(payload, envelope, () =>
          this.options.inbox.runOnce(envelope.id, async () => handler(envelope.data, context)),
        ),
      );
    }
    this.positions.set(`${topic}:${partition}`, BigInt(message.offset) + 1n);
  }
}
