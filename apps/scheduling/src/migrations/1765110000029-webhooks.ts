import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhook notifications: the endpoints practices, structures and vendors register, the
 * deliveries owed to them (written in the transaction of the event that causes them, so
 * none is lost across a restart), every attempt made, and the appointments already
 * reminded for a missing outcome (once each).
 */
export class Webhooks1765110000029 implements MigrationInterface {
  name = 'Webhooks1765110000029';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE scheduling.webhook_endpoint (
        id uuid PRIMARY KEY,
        url text NOT NULL,
        secret text NOT NULL,
        description text,
        event_types text[] NOT NULL,
        owner_vendor_id text,
        owner_identifiers text[] NOT NULL DEFAULT '{}',
        created_by text NOT NULL,
        created_at timestamptz NOT NULL,
        disabled_at timestamptz,
        disabled_reason text,
        CHECK ((owner_vendor_id IS NULL) <> (cardinality(owner_identifiers) = 0))
      )`);
    await q.query(`CREATE INDEX webhook_endpoint_identifiers ON scheduling.webhook_endpoint USING gin (owner_identifiers)`);
    await q.query(`CREATE INDEX webhook_endpoint_vendor ON scheduling.webhook_endpoint (owner_vendor_id)`);
    await q.query(`
      CREATE TABLE scheduling.webhook_delivery (
        id uuid PRIMARY KEY,
        endpoint_id uuid NOT NULL REFERENCES scheduling.webhook_endpoint (id) ON DELETE CASCADE,
        event_type text NOT NULL,
        cause text NOT NULL,
        body text NOT NULL,
        created_at timestamptz NOT NULL,
        state text NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz,
        delivered_at timestamptz,
        UNIQUE (endpoint_id, cause)
      )`);
    await q.query(`CREATE INDEX webhook_delivery_due ON scheduling.webhook_delivery (next_attempt_at) WHERE state = 'pending'`);
    await q.query(`CREATE INDEX webhook_delivery_log ON scheduling.webhook_delivery (endpoint_id, created_at DESC)`);
    await q.query(`
      CREATE TABLE scheduling.webhook_attempt (
        delivery_id uuid NOT NULL REFERENCES scheduling.webhook_delivery (id) ON DELETE CASCADE,
        attempt integer NOT NULL,
        at timestamptz NOT NULL,
        status_code integer,
        error text,
        duration_ms integer NOT NULL,
        PRIMARY KEY (delivery_id, attempt)
      )`);
    // The reminder job looks for booked appointments only: a small share of all once outcomes are reported.
    await q.query(`CREATE INDEX appointment_awaiting_outcome ON scheduling.appointment (slot_id) WHERE status = 'booked'`);
    await q.query(`
      CREATE TABLE scheduling.outcome_reminder (
        appointment_id uuid PRIMARY KEY REFERENCES scheduling.appointment (id),
        reminded_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX scheduling.appointment_awaiting_outcome`);
    for (const table of ['outcome_reminder', 'webhook_attempt', 'webhook_delivery', 'webhook_endpoint'])
      await q.query(`DROP TABLE scheduling.${table}`);
  }
}
