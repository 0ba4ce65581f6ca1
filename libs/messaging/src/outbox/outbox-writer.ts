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
    const errors = validatePayload(def, payload);
    // A producer emitting an invalid event is a bug: fail the whole transaction.
    if (errors.length) throw new Error(`invalid ${def.name} payload: ${errors.join('; ')}`);
    const envelope = buildEnvelope(def, payload, { source: this.source, trace: currentTraceHeaders() });
    const record = toKafkaRecord(envelope);
    await tx.query(
      `INSERT INTO "${this.schema}".outbox (event_id, topic, message_key, headers, payload) VALUES ($1, $2, $3, $4, $5)`,
      [envelope.id, def.topic, record.key, JSON.stringify(record.headers), record.value],
    );
    return envelope.id;
  }
}
