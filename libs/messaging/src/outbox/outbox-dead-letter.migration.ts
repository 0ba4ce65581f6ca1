import { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sas/persistence';

/**
 * Where the outbox relay parks a row Kafka refuses for good (too large for the broker,
 * invalid record): with the row at the head of the outbox, every later event of the
 * service waited behind it for ever. A parked row keeps everything needed to publish it
 * by hand once the cause is fixed, and why it was parked.
 */
export class OutboxDeadLetter1764000000270 implements MigrationInterface {
  name = 'OutboxDeadLetter1764000000270';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ${schemaOf(q)}.outbox_dead_letter (
        id bigint PRIMARY KEY,
        event_id text NOT NULL,
        topic text NOT NULL,
        message_key text NOT NULL,
        headers jsonb NOT NULL,
        payload text NOT NULL,
        created_at timestamptz NOT NULL,
        reason text NOT NULL,
        parked_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ${schemaOf(q)}.outbox_dead_letter`);
  }
}
