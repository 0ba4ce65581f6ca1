import { schemaOf } from '@sas/persistence';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The append-only audit trail of a service, in its own schema: who booked, cancelled,
 * oriented or changed what. Triggers refuse any UPDATE, DELETE or TRUNCATE.
 */
export class AuditTrail1763800000020 implements MigrationInterface {
  name = 'AuditTrail1763800000020';

  async up(q: QueryRunner): Promise<void> {
    const s = schemaOf(q);
    await q.query(`
      CREATE TABLE ${s}.audit_trail (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor_role text NOT NULL,
        actor_id text NOT NULL,
        action text NOT NULL,
        target_type text NOT NULL,
        target_id text NOT NULL,
        territory text,
        detail jsonb NOT NULL DEFAULT '{}'
      )`);
    await q.query(`CREATE INDEX audit_trail_at ON ${s}.audit_trail (at)`);
    await q.query(`CREATE INDEX audit_trail_target ON ${s}.audit_trail (target_type, target_id)`);
    await q.query(`
      CREATE FUNCTION ${s}.audit_trail_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'the audit trail is append-only'; END $$`);
    await q.query(
      `CREATE TRIGGER audit_trail_no_change BEFORE UPDATE OR DELETE ON ${s}.audit_trail FOR EACH ROW EXECUTE FUNCTION ${s}.audit_trail_is_append_only()`,
    );
    await q.query(
      `CREATE TRIGGER audit_trail_no_truncate BEFORE TRUNCATE ON ${s}.audit_trail FOR EACH STATEMENT EXECUTE FUNCTION ${s}.audit_trail_is_append_only()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    const s = schemaOf(q);
    await q.query(`DROP TABLE ${s}.audit_trail`);
    await q.query(`DROP FUNCTION ${s}.audit_trail_is_append_only()`);
  }
}
