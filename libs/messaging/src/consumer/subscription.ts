import { EntityManager } from 'typeorm';
import type { EventConsumer } from './event-consumer';
import type { ReplayConsumer } from './replay-consumer';
import { SyncInbox } from './inbox';

/** What every consumer group declares: its (logical) group id and the catalogue topics it reads. */
interface SubscriptionBase<C extends EventConsumer = EventConsumer> {
  /** Consumer group; also names the inbox rows and the metrics. Prefixed like the topics in Kafka. */
  group: string;
  /** Catalogue topics (without prefix). */
  topics: string[];
  /** Where a group without committed offsets starts (default: the beginning). */
  fromBeginning?: boolean;
  /** Attempts for a handler failing on the event itself before it is dead-lettered (default 4). */
  maxAttempts?: number;
  /** Called once the consumer exists, before it starts (e.g. to restore a snapshot into it). */
  beforeStart?: (consumer: C) => void | Promise<void>;
}

/**
 * Handlers that write to the service's database: each event in a transaction of its own
 * with its inbox row (exactly-once effect), offsets committed after it.
 */
export interface DurableSubscription extends SubscriptionBase {
  mode: 'durable';
  /** Called in every transaction after its handlers, before the commit. */
  beforeCommit?: (tx: EntityManager) => Promise<void>;
}

/**
 * Durable handlers that only write to the database: the events of a fetched batch are
 * handled in one transaction (up to TRANSACTION_EVENTS), one commit for many events; a
 * failed transaction is replayed one event at a time (see TransactionalBatchConsumer).
 */
export interface TransactionalBatchSubscription extends SubscriptionBase {
  mode: 'transactional-batch';
  /** Called in every transaction after its handlers, before the commit (write a batch's sums at once). */
  beforeCommit?: (tx: EntityManager) => Promise<void>;
}

/**
 * Handlers with no database effect, one message at a time, offsets committed: ids of the
 * events handled are remembered in memory only (lost with the process).
 */
export interface TransientSubscription extends SubscriptionBase {
  mode: 'transient';
  /** Defaults to a MemoryInbox of a million ids. */
  inbox?: SyncInbox;
}

/**
 * An in-memory read model every replica rebuilds by replaying the topics under a group of
 * its own, in batches, committing no offset (see ReplayConsumer).
 */
export interface ReplaySubscription extends SubscriptionBase<ReplayConsumer> {
  mode: 'replay';
  inbox: SyncInbox;
  /** Events whose handlers give the same result however often an event is handled: not asked of the inbox. */
  idempotentEvents?: ReadonlySet<string>;
  /** Called after each batch once its positions are recorded; the next batch waits for it. */
  afterBatch?: (consumer: ReplayConsumer) => void | Promise<void>;
}

export type Subscription = DurableSubscription | TransactionalBatchSubscription | TransientSubscription | ReplaySubscription;

/**
 * A controller whose `@EventPattern` methods are the handlers of one consumer group. It
 * says which with `subscription`; undefined turns the group off (a link not configured).
 */
export interface EventSubscriber {
  readonly subscription: Subscription | undefined;
}
