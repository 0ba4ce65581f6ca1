import { buildEnvelope, EventDefinition, PayloadOf, toKafkaRecord, validatePayload } from '@sas/contracts';
import { InvalidInput } from '@sas/platform';
import { currentTraceHeaders } from '@sas/telemetry';
import { EntityManager } from 'typeorm';
import { MAX_EVENT_BYTES, recordBytes } from './record-limits';

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
    await tx.query(
      `INSERT INTO "${this.schema}".outbox (event_id, topic, message_key, headers, payload) ${outboxRowsSql(1)}`,
      params,
    );
    return ids;
  }

  /**
   * Validates events and lays out their outbox rows as one JSON parameter, for a caller
   * that inserts them inside a larger statement (see `outboxRowsSql`).
   */
  prepare(events: PendingEvent[]): { ids: string[]; params: [string] } {
    const trace = currentTraceHeaders();
    const ids: string[] = [];
    const rows = events.map(({ def, payload }) => {
      const errors = validatePayload(def, payload);
      // A producer emitting an invalid event is a bug: fail the whole transaction.
      if (errors.length) throw new Error(`invalid ${def.name} payload: ${errors.join('; ')}`);
      const envelope = buildEnvelope(def, payload as never, { source: this.source, trace });
      const record = toKafkaRecord(envelope);
      const bytes = recordBytes({ message_key: record.key, payload: record.value, headers: record.headers });
      // Refused here, while the request can still be answered, rather than parked by the relay.
      if (bytes > MAX_EVENT_BYTES)
        throw InvalidInput.field(
          '(body)',
          `the ${def.name} event it makes would be ${bytes} bytes, over the ${MAX_EVENT_BYTES} a Kafka message may hold`,
        );
      ids.push(envelope.id);
      return [envelope.id, def.topic, record.key, record.headers, record.value];
    });
    return { ids, params: [JSON.stringify(rows)] };
  }
}

/**
 * The SELECT that yields prepared outbox rows from parameter $first, in the order of the
 * events (the ordinality keeps it, so the bigserial ids follow it). The rows travel as
 * one JSON array of `[event id, topic, key, headers, payload]`: serialising it is one
 * native JSON.stringify, where five text arrays cost node-postgres ~7 times as much CPU
 * (an escaping pass per element; BENCHMARKS.md, "Rows as one JSON parameter").
 */
export function outboxRowsSql(first: number): string {
  return `SELECT e->>0 AS event_id, e->>1 AS topic, e->>2 AS message_key, e->3 AS headers, e->>4 AS payload
            FROM jsonb_array_elements($${first}::jsonb) WITH ORDINALITY AS t(e, n)
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
