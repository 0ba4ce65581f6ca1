import { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sas/persistence';

/**
 * A BRIN index on the inbox's `handled_at`, for the pruner that forgets old entries
 * (MessagingPruner): entries are appended in time order, so block ranges summarise well,
 * and the index costs next to nothing on the consumers' inserts (a B-tree would add a
 * write per handled event).
 */
export class InboxHandledAt1764600000000 implements MigrationInterface {
  name = 'InboxHandledAt1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX inbox_handled_at ON ${schemaOf(q)}.inbox USING brin (handled_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ${schemaOf(q)}.inbox_handled_at`);
  }
}
