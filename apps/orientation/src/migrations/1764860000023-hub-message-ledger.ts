import { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sas/persistence';

/** The ledger of messages to the SAMUs' regulation software through Hub Santé, one row per appointment change. */
export class HubMessageLedger1764860000023 implements MigrationInterface {
  name = 'HubMessageLedger1764860000023';

  async up(q: QueryRunner): Promise<void> {
    const s = schemaOf(q);
    // An appointment's messages go out in the order of their changes (occurred_at, then seq):
    // its creation and its updates arrive on two Kafka topics, in either order. change_id (the
    // event that caused the message) makes a change one message, hence one distribution id,
    // however often it is read. An update learns its territory and SAMU from the creation.
    await q.query(`
      CREATE TABLE ${s}.hub_message (
        seq bigserial PRIMARY KEY,
        distribution_id text NOT NULL UNIQUE,
        change_id uuid NOT NULL UNIQUE,
        case_id uuid NOT NULL,
        appointment_id uuid NOT NULL,
        territory text,
        recipient text,
        content jsonb NOT NULL,
        state text NOT NULL CHECK (state IN ('pending', 'sent', 'acknowledged', 'error', 'expired', 'unroutable')),
        reason text,
        attempts integer NOT NULL DEFAULT 0,
        occurred_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        next_attempt_at timestamptz NOT NULL,
        sent_at timestamptz,
        settled_at timestamptz
      )`);
    await q.query(
      `CREATE INDEX hub_message_open ON ${s}.hub_message (appointment_id, occurred_at, seq) WHERE state IN ('pending', 'sent')`,
    );
    await q.query(`CREATE INDEX hub_message_appointment ON ${s}.hub_message (appointment_id, occurred_at, seq)`);
    await q.query(`CREATE INDEX hub_message_state ON ${s}.hub_message (state, territory, seq)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ${schemaOf(q)}.hub_message`);
  }
}
