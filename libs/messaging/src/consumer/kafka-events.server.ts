import { INestApplicationContext, Logger } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { CustomTransportStrategy, MessageHandler, Server } from '@nestjs/microservices';
import { deadLetterTopic } from '@sas/contracts';
import { DataSource } from 'typeorm';
import { KafkaClient } from '../kafka/kafka-client';
import { DurableConsumer } from './durable-consumer';
import { EventConsumer } from './event-consumer';
import { EventConsumers } from './event-consumers';
import { BoundSubscriber, bindSubscribers } from './handler-binding';
import { MemoryInbox, PostgresInbox } from './inbox';
import { ReplayConsumer } from './replay-consumer';
import { TransactionalBatchConsumer } from './transactional-batch-consumer';
import { TransientConsumer } from './transient-consumer';

/**
 * Kafka events as a Nest transport: each service connects it to its application
 * (`app.connectMicroservice({ strategy })`, a hybrid application) and every Kafka handler
 * is a controller method declared with `@EventPattern(<event name>)`, `@Payload()` and
 * `@Ctx()`, in a controller that says its consumer group (EventSubscriber). On listen, it
 * binds the handlers (handler-binding.ts), builds one consumer per group in the mode the
 * group asks for (durable, transactional batch, transient, replay), lists them in
 * EventConsumers and starts them; close stops them.
 */
export class KafkaEventsServer extends Server implements CustomTransportStrategy {
  private readonly log = new Logger('KafkaEvents');
  /** Patterns Nest registered for this transport (every `@EventPattern` of the application). */
  private readonly registered = new Set<string>();
  private started: EventConsumer[] = [];

  constructor(
    private readonly service: string,
    private readonly app: INestApplicationContext,
  ) {
    super();
  }

  /** Nest registers each `@EventPattern` / `@MessagePattern` here; a request-reply pattern is refused at once. */
  override addHandler(
    pattern: unknown,
    callback: MessageHandler,
    isEventHandler = false,
    extras: Record<string, unknown> = {},
  ): void {
    const name = typeof pattern === 'string' ? pattern : JSON.stringify(pattern);
    if (!isEventHandler)
      throw new Error(`@MessagePattern(${name}): Kafka events get no reply; declare handlers with @EventPattern`);
    this.registered.add(name);
    super.addHandler(pattern, callback, isEventHandler, extras);
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      const scan = bindSubscribers(this.app.get(ModulesContainer));
      // What Nest registered and what the scan bound are the same handlers: none is left out.
      const unbound = [...this.registered].filter((p) => !scan.declared.has(p));
      if (unbound.length) throw new Error(`event patterns registered but not bound: ${unbound.join(', ')}`);
      if (scan.subscribers.length === 0) return callback();
      const registry = this.app.get(EventConsumers, { strict: false });
      for (const subscriber of scan.subscribers) {
        const { consumer, beforeStart } = this.consumerOf(subscriber);
        registry.add(consumer);
        await beforeStart();
        this.started.push(consumer);
        // Consumers connect in the background: the service answers (not ready) while Kafka is away.
        void consumer.start();
      }
      this.log.log(
        `consuming: ${scan.subscribers.map((s) => `${s.subscription.group} (${s.subscription.mode}, ${s.handlers.size} events)`).join(', ')}`,
      );
      callback();
    } catch (error) {
      callback(error);
    }
  }

  async close(): Promise<void> {
    const consumers = this.started;
    this.started = [];
    await Promise.all(consumers.map((c) => c.stop()));
  }

  /** The transport emits no events of its own. */
  on(): never {
    throw new Error('KafkaEventsServer emits no events');
  }

  unwrap<T>(): T {
    return this.started as T;
  }

  /** The consumer of one group, in its mode, with the inbox the mode needs; and the group's hook before it starts. */
  private consumerOf({ subscription: s, handlers }: BoundSubscriber): {
    consumer: EventConsumer;
    beforeStart: () => void | Promise<void>;
  } {
    const kafka = this.app.get(KafkaClient, { strict: false });
    const common = {
      groupId: s.group,
      topics: s.topics,
      handlers,
      deadLetterTopic: deadLetterTopic(this.service),
      fromBeginning: s.fromBeginning,
      maxAttempts: s.maxAttempts,
    };
    const durableInbox = () => new PostgresInbox(this.app.get(DataSource, { strict: false }), this.service, s.group);
    switch (s.mode) {
      case 'durable':
        return started(s, new DurableConsumer(kafka, { ...common, inbox: durableInbox(), beforeCommit: s.beforeCommit }));
      case 'transactional-batch':
        return started(
          s,
          new TransactionalBatchConsumer(kafka, { ...common, inbox: durableInbox(), beforeCommit: s.beforeCommit }),
        );
      case 'transient':
        return started(s, new TransientConsumer(kafka, { ...common, inbox: s.inbox ?? new MemoryInbox() }));
      case 'replay': {
        const consumer: ReplayConsumer = new ReplayConsumer(kafka, {
          ...common,
          inbox: s.inbox,
          idempotentEvents: s.idempotentEvents,
          afterBatch: s.afterBatch && (() => s.afterBatch!(consumer)),
        });
        return started(s, consumer);
      }
    }
  }
}

/** A consumer with its group's hook before it starts, typed for its mode. */
function started<C extends EventConsumer>(s: { beforeStart?: (consumer: C) => void | Promise<void> }, consumer: C) {
  return { consumer, beforeStart: () => s.beforeStart?.(consumer) };
}
