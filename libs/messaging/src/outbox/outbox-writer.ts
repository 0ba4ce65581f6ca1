import { buildEnvelope, EventDefinition, PayloadOf, toKafkaRecord, validatePayload } from '@sas/contracts';
import { currentTraceHeaders } from '@sas/telemetry';
import { EntityManager } from 'typeorm';

/**
 * Appends events to the service's outbox inside the caller's transaction, so the
 * event exists if and only if the domain change committed.
 */
export class OutboxWriter {
  constructor(
    private readonly schema: string,
    private readonly source: string,
  ) {}

  /** Validates and appends one event; returns its id. */
  async append<D extends EventDefinition>(tx: EntityManager, def: D, payload: PayloadOf<D>): Promise<string> {
    const [id] = await this.appendAll(tx, [event(def, payload)]);
    return id;
  }

  /** Appends many events of one type (batches); returns their ids in order. */
  appendMany<D extends EventDefinition>(tx: EntityManager, def: D, payloads: PayloadOf<D>[]): Promise<string[]> {
    return this.appendAll(
      tx,
      payloads.map((payload) => event(def, payload)),
    );
  }

  /** Appends events of any types with a single statement, in order; returns their ids. */
  async appendAll(tx: EntityManager, events: PendingEvent[]): Promise<string[]> {
    if (events.length === 0) return [];
    const { ids, params } = this.prepare(events);
    await tx.query(`INSERT INTO "${this.schema}".outbox (event_id, topic, message_key, headers, payload) ${outboxRowsSql(1)}`, params);
    return ids;
  }

  /**
   * Validates events and lays out their outbox rows as five array parameters, for a
   * caller that inserts them inside a larger statement (see `outboxRowsSql`).
   */
  prepare(events: PendingEvent[]): { ids: string[]; params: string[][] } {
    const trace = currentTraceHeaders();
    const rows = events.map(({ def, payload }) => {
      const errors = validatePayload(def, payload);
      // A producer emitting an invalid event is a bug: fail the whole transaction.
      if (errors.length) throw new Error(`invalid ${def.name} payload: ${errors.join('; ')}`);
      const envelope = buildEnvelope(def, payload as never, { source: this.source, trace });
      return { id: envelope.id, topic: def.topic, record: toKafkaRecord(envelope) };
    });
    return {
      ids: rows.map((r) => r.id),
      params: [
        rows.map((r) => r.id),
        rows.map((r) => r.topic),
        rows.map((r) => r.record.key),
        rows.map((r) => JSON.stringify(r.record.headers)),
        rows.map((r) => r.record.value),
      ],
    };
  }
}

/**
 * The SELECT that yields prepared outbox rows from parameters $first…$first+4, in the
 * order of the events (unnest keeps the order, so the bigserial ids follow it).
 */
export function outboxRowsSql(first: number): string {
  const [a, b, c, d, e] = [0, 1, 2, 3, 4].map((i) => `$${first + i}::text[]`);
  return `SELECT event_id, topic, message_key, headers::jsonb, payload
            FROM unnest(${a}, ${b}, ${c}, ${d}, ${e}) WITH ORDINALITY AS t(event_id, topic, message_key, headers, payload, n)
           ORDER BY n`;
}

/** An event waiting to be appended: its definition and payload. */
export interface PendingEvent {
  def: EventDefinition;
  payload: unknown;
}

/** Pairs a payload with its definition, type-checked. */
export function event<D extends EventDefinition>(def: D, payload: PayloadOf<D>): PendingEvent {
  return { def, payload };
}
