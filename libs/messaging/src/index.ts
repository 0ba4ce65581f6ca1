export * from './backoff';
export * from './kafka/kafka-config';
export * from './kafka/kafka-client';
export * from './kafka/kafka-health';
export * from './migrations';
export * from './messaging-pruner';
export * from './outbox/outbox-relay';
export * from './consumer/event-handler';
export * from './consumer/subscription';
export * from './consumer/inbox';
export * from './consumer/dead-letter';
export * from './consumer/transient-error';
export * from './consumer/event-consumer';
export * from './consumer/replay-consumer';
export * from './consumer/transactional-batch-consumer';
export * from './consumer/event-consumers';
export * from './consumer/kafka-events.server';
export * from './consumer/catch-up';
// Last: the outbox writer imports @sas/platform, which imports this library back (its
// metrics and the service bootstrap); whatever is exported above is defined by then.
export * from './outbox/outbox-writer';
export * from './messaging.module';
export * from './settings';
