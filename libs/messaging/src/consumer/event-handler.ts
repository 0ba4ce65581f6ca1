import { EventEnvelope } from '@sas/contracts';
import { EntityManager } from 'typeorm';

/**
 * What a handler gets with `@Ctx()` from a transient or replaying consumer (an in-memory
 * read model): the whole envelope, the catalogue topic and the partition it came from.
 */
export interface EventContext<P = unknown> {
  readonly envelope: EventEnvelope<P>;
  /** Catalogue topic (without prefix). */
  readonly topic: string;
  readonly partition: number;
}

/**
 * What a durable handler gets with `@Ctx()`: also the transaction that records the event
 * in the inbox. Its writes commit with that row, so the event's effect is applied once.
 */
export interface DurableEventContext<P = unknown> extends EventContext<P> {
  readonly tx: EntityManager;
}

/**
 * A handler as a consumer calls it: the payload, then the context. Built once per
 * `@EventPattern` method when the transport starts (see handler-binding.ts); it may
 * answer synchronously (an in-memory model), and consumers await only a promise.
 */
export type BoundHandler = (payload: unknown, context: DurableEventContext | EventContext) => void | Promise<void>;

/** Handlers keyed by event name. */
export type HandlerMap = ReadonlyMap<string, BoundHandler>;
