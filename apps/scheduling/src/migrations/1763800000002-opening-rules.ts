import { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sas/persistence';

/** Recurring opening rules, and the link from a generated slot to its rule. */
export class OpeningRules1763800000002 implements MigrationInterface {
  name = 'OpeningRules1763800000002';

  async up(q: QueryRunner): Promise<void> {
    const s = schemaOf(q);
    await q.query(`
      CREATE TABLE ${s}.opening_rule (
        id uuid PRIMARY KEY,
        owner_id uuid NOT NULL,
        practitioner_id uuid REFERENCES ${s}.practitioner (id),
        structure_id uuid REFERENCES ${s}.structure (id),
        place_id uuid NOT NULL REFERENCES ${s}.place (id),
        rule jsonb NOT NULL,
        slot_attributes jsonb NOT NULL,
        active boolean NOT NULL DEFAULT true,
        expanded_until timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`ALTER TABLE ${s}.slot ADD COLUMN opening_rule_id uuid REFERENCES ${s}.opening_rule (id)`);
    // Re-expanding a rule never creates the same slot twice.
    await q.query(
      `CREATE UNIQUE INDEX slot_rule_start ON ${s}.slot (opening_rule_id, start_at) WHERE opening_rule_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    const s = schemaOf(q);
    await q.query(`ALTER TABLE ${s}.slot DROP COLUMN opening_rule_id`);
    await q.query(`DROP TABLE ${s}.opening_rule`);
  }
}
