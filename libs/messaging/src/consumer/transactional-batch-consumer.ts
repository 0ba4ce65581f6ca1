import { KafkaMessage, Consumer, EachBatchPayload } from 'kafkajs';
import { EntityManager } from 'typeorm';
import { Accepted, Refused } from './consumer-core';
import { DurableConsumer, DurableConsumerOptions } from './durable-consumer';
import { BoundHandler } from './event-handler';
import { BatchInbox } from './inbox';

/** Events handled in one transaction at most. */
export const TRANSACTION_EVENTS = 500;

export interface TransactionalBatchConsumerOptions extends DurableConsumerOptions {
  inbox: BatchInbox;
}

/** An accepted message of a batch, with its handler if it has one. */
interface AcceptedMessage extends Accepted {
  message: KafkaMessage;
  handler: BoundHandler | undefined;
}

/**
 * Durable handlers that only write to the database, a fetched batch at a time: the events
 * of a batch are handled in one transaction with their inbox rows, up to
 * TRANSACTION_EVENTS at a time — one commit for many events instead of one each. Each
 * event still gets its consume span, child of its producer's. A message that must be
 * dead-lettered ends the transaction before it; a transaction that fails is replayed one
 * event at a time (retries, dead letters), exactly as a DurableConsumer would. Offsets
 * are committed once the transaction has.
 */
export class TransactionalBatchConsumer extends DurableConsumer<TransactionalBatchConsumerOptions> {
  protected override async run(consumer: Consumer): Promise<void> {
    await consumer.run({ eachBatchAutoResolve: false, eachBatch: (payload) => this.processInTransactions(payload) });
  }

  /**
   * A batch of one partition, its events handled in transactions of up to
   * TRANSACTION_EVENTS. Stops early when the consumer stops, is paused or is sought
   * elsewhere; what it processed is resolved (and committed by kafkajs after the batch),
   * the rest is fetched again.
   */
  private async processInTransactions(payload: EachBatchPayload): Promise<void> {
    const { topic, partition, messages } = payload.batch;
    const logicalTopic = this.logicalTopic(topic);
    for (let i = 0; i < messages.length;) {
      if (this.interrupted(payload)) return;
      // The events fit for their handlers, up to the first message to dead-letter.
      const run: AcceptedMessage[] = [];
      let refused: Refused | undefined;
      for (; i < messages.length && run.length < TRANSACTION_EVENTS; i++) {
        const accepted = this.accept(messages[i], logicalTopic);
        if ('reason' in accepted) {
          refused = accepted;
          break;
        }
        run.push({
          envelope: accepted.envelope,
          def: accepted.def,
          message: messages[i],
          handler: this.options.handlers.get(accepted.def.name),
        });
      }
      if (run.length) await this.handleRun(payload, logicalTopic, run);
      if (refused) {
        await this.deadLetter(topic, partition, messages[i], refused.reason, refused.detail);
        payload.resolveOffset(messages[i].offset);
        i++;
      }
      await payload.heartbeat();
    }
  }

  /** Handles a run of accepted events in one transaction, else one at a time. */
  private async handleRun(payload: EachBatchPayload, logicalTopic: string, run: AcceptedMessage[]): Promise<void> {
    const { topic, partition } = payload.batch;
    const handled: { eventId: string; work: (tx: EntityManager) => Promise<void> }[] = [];
    for (const { envelope, def, handler } of run) {
      if (!handler) continue;
      const work = async (tx: EntityManager) => handler(envelope.data, { envelope, topic: logicalTopic, partition, tx });
      handled.push({ eventId: envelope.id, work: (tx) => this.inConsumeSpan(topic, envelope, def, () => work(tx)) });
    }
    try {
      const ran = await this.options.inbox.runAll(handled, this.options.beforeCommit);
      const count = ran.filter(Boolean).length;
      this.stats.handled += count;
      this.stats.duplicates += ran.length - count;
      this.stats.ignored += run.length - handled.length;
    } catch {
      // Nothing was committed: the events again, each in its own transaction, with retries and dead letters.
      for (const { message, envelope, def, handler } of run) {
        const at = { topic, partition, message, heartbeat: payload.heartbeat };
        if (handler) await this.inConsumeSpan(topic, envelope, def, () => this.handleOne(at, envelope, handler));
        else this.stats.ignored++;
        this.resolve(payload, message);
      }
      return;
    }
    this.resolve(payload, run[run.length - 1].message);
  }

  private resolve(payload: EachBatchPayload, message: KafkaMessage): void {
    payload.resolveOffset(message.offset);
    this.positions.set(`${payload.batch.topic}:${payload.batch.partition}`, BigInt(message.offset) + 1n);
  }
}
