import { EventDefinition, EventEnvelope, PayloadOf } from '@sas/contracts';
import { EntityManager } from 'typeorm';

/**
 * Handles one event type. `tx` is the transaction that also records the event in the
 * inbox (durable consumers); in-memory read models get no transaction.
 */
export type EventHandler<P = unknown> = (event: EventEnvelope<P>, tx?: EntityManager) => Promise<void>;

/** Handlers keyed by event name, built with `handle(def, fn)` so payloads are typed. */
export type HandlerMap = Map<string, EventHandler>;

/** Pairs an event definition with its typed handler. */
export function handle<D extends EventDefinition>(def: D, handler: EventHandler<PayloadOf<D>>): [string, EventHandler] {
  return [def.name, handler as EventHandler];
}
