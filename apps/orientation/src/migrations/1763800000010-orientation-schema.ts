import { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sas/persistence';

/** Regulator accounts, regulation cases and the steps of their regulation chain. */
export class OrientationSchema1763800000010 implements MigrationInterface {
  name = 'OrientationSchema1763800000010';

  async up(q: QueryRunner): Promise<void> {
    const s = schemaOf(q);
    await q.query(`
      CREATE TABLE ${s}.regulator (
        id uuid PRIMARY KEY,
        national_id text UNIQUE,
        local_id text UNIQUE,
        display_name text,
        role text NOT NULL CHECK (role IN ('call-taker', 'gp-regulator', 'snp-operator', 'supervisor')),
        territories text[] NOT NULL CHECK (cardinality(territories) > 0),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        deactivated_at timestamptz,
        CHECK (national_id IS NOT NULL OR local_id IS NOT NULL)
      )`);
    // The case id is pseudonymous: it is the only link between events and the case file.
    // Patient contact (name, phone) is stored only encrypted, and erased after retention.
    await q.query(`
      CREATE TABLE ${s}.regulation_case (
        id uuid PRIMARY KEY,
        territory text NOT NULL,
        channel text NOT NULL,
        commune_code text NOT NULL,
        age_band text NOT NULL,
        sex text CHECK (sex IN ('F', 'M')),
        reason_category text NOT NULL,
        has_treating_doctor boolean NOT NULL,
        treating_doctor_rpps text,
        call_received_at timestamptz NOT NULL,
        state text NOT NULL,
        consultation_needed boolean,
        urgency text,
        mode text,
        specialty text,
        treating_doctor_tried boolean NOT NULL DEFAULT false,
        outcome text,
        oriented_at timestamptz,
        appointment_id uuid,
        appointment_slot_id uuid,
        appointment_start timestamptz,
        revision integer NOT NULL DEFAULT 1,
        patient_contact bytea,
        contact_erase_after timestamptz,
        opened_by uuid NOT NULL REFERENCES ${s}.regulator (id),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX regulation_case_territory_state ON ${s}.regulation_case (territory, state, call_received_at DESC)`,
    );
    await q.query(
      `CREATE INDEX regulation_case_appointment ON ${s}.regulation_case (appointment_id) WHERE appointment_id IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX regulation_case_contact_erasure ON ${s}.regulation_case (contact_erase_after) WHERE patient_contact IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE ${s}.case_step (
        id bigserial PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES ${s}.regulation_case (id),
        step text NOT NULL,
        result text,
        actor_id uuid REFERENCES ${s}.regulator (id),
        actor_role text NOT NULL,
        details jsonb NOT NULL DEFAULT '{}',
        recorded_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX case_step_case ON ${s}.case_step (case_id, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    const s = schemaOf(q);
    await q.query(`DROP TABLE ${s}.case_step`);
    await q.query(`DROP TABLE ${s}.regulation_case`);
    await q.query(`DROP TABLE ${s}.regulator`);
  }
}
