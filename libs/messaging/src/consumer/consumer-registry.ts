import { deadLetterTopic } from '@sas/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { KafkaClient } from '../kafka/kafka-client';
import { EventConsumer } from './event-consumer';
import { HandlerMap } from './event-handler';
import { Inbox, PostgresInbox } from './inbox';

export interface ConsumerRegistration {
  /** Consumer group; also names the inbox. */
  groupId: string;
  topics: string[];
  handlers: HandlerMap;
  /** Defaults to a PostgreSQL inbox in the service's schema. */
  inbox?: Inbox;
  fromBeginning?: boolean;
  /** An in-memory read model replayed from the beginning by every replica (see EventConsumerOptions.replay). */
  replay?: boolean;
  /** Replay only: called after each batch (see EventConsumerOptions.afterBatch). */
  afterBatch?: () => void | Promise<void>;
  /** Events handled without the inbox (see EventConsumerOptions.idempotentEvents). */
  idempotentEvents?: ReadonlySet<string>;
  /** Handles the events of a fetched batch in one transaction (see EventConsumerOptions.transactionalBatches). */
  transactionalBatches?: boolean;
  /** Called after the handlers of each transaction, before its commit (see EventConsumerOptions.beforeCommit). */
  beforeCommit?: (tx: EntityManager) => Promise<void>;
}

/** Creates the service's consumers; the messaging lifecycle starts and stops them. */
export class ConsumerRegistry {
  readonly consumers: EventConsumer[] = [];

  constructor(
    private readonly kafka: KafkaClient,
    private readonly dataSource: DataSource,
    private readonly service: string,
  ) {}

  register(registration: ConsumerRegistration): EventConsumer {
    const consumer = new EventConsumer(this.kafka, {
      groupId: registration.groupId,
      topics: registration.topics,
      handlers: registration.handlers,
      inbox: registration.inbox ?? new PostgresInbox(this.dataSource, this.service, registration.groupId),
      deadLetterTopic: deadLetterTopic(this.service),
      fromBeginning: registration.fromBeginning,
      replay: registration.replay,
      afterBatch: registration.afterBatch,
      idempotentEvents: registration.idempotentEvents,
      transactionalBatches: registration.transactionalBatches,
      beforeCommit: registration.beforeCommit,
    });
    this.consumers.push(consumer);
    return consumer;
  }
}
