import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the ANS SAS guide's answer carries and we did not keep: a slot's consultation
 * reasons (free-text serviceType, "every motif is transmitted") and the CPTS it is shared
 * with (FINESS, name, telecom, as a vendor names them), the text a vendor gives beside a
 * specialty code, and for a vendor's place
 * of consultation its own Location identifier, its structure (IDNST) and the role's
 * telecom. A slot's updated_at (served as meta.lastUpdated) follows every change of the
 * row, whichever writer made it, through a trigger.
 */
export class FhirConformance1763800000024 implements MigrationInterface {
  name = 'FhirConformance1763800000024';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE scheduling.slot ADD COLUMN reasons text[] NOT NULL DEFAULT '{}', ADD COLUMN cpts jsonb NOT NULL DEFAULT '[]', ADD COLUMN specialty_texts jsonb NOT NULL DEFAULT '{}'`,
    );
    await q.query(`
      ALTER TABLE scheduling.place
        ADD COLUMN location_identifier jsonb,
        ADD COLUMN structure_idnst text,
        ADD COLUMN telecom jsonb`);
    await q.query(`
      CREATE FUNCTION scheduling.touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.updated_at := now();
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER slot_touch_updated_at BEFORE UPDATE ON scheduling.slot
        FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION scheduling.touch_updated_at()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER slot_touch_updated_at ON scheduling.slot`);
    await q.query(`DROP FUNCTION scheduling.touch_updated_at()`);
    await q.query(
      `ALTER TABLE scheduling.place DROP COLUMN location_identifier, DROP COLUMN structure_idnst, DROP COLUMN telecom`,
    );
    await q.query(`ALTER TABLE scheduling.slot DROP COLUMN reasons, DROP COLUMN cpts, DROP COLUMN specialty_texts`);
  }
}
