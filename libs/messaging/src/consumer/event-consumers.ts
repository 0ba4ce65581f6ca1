import { EventConsumer } from './event-consumer';

/**
 * The consumer groups a service runs, as its transport (KafkaEventsServer) started them:
 * what operators pause and resume, metrics report on, and a rebuild stops and restarts.
 * Only the transport adds to it; handlers are declared with `@EventPattern`.
 */
export class EventConsumers {
  private readonly consumers: EventConsumer[] = [];

  /** Every group, in the order they started (the same array throughout: readers may keep it). */
  get all(): readonly EventConsumer[] {
    return this.consumers;
  }

  /** The group of this (logical) id, if this service runs it. */
  find(groupId: string): EventConsumer | undefined {
    return this.consumers.find((c) => c.groupId === groupId);
  }

  /** The group of this id; throws if this service does not run it. */
  get(groupId: string): EventConsumer {
    const consumer = this.find(groupId);
    if (!consumer) throw new Error(`no consumer group ${groupId} in this service`);
    return consumer;
  }

  /** @internal The transport's, when it starts a group. */
  add(consumer: EventConsumer): void {
    if (this.find(consumer.groupId)) throw new Error(`consumer group ${consumer.groupId} declared twice`);
    this.consumers.push(consumer);
  }
}
