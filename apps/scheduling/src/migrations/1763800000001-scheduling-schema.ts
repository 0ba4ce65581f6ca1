import { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sas/persistence';

/** Practitioners, structures, places of consultation, slots and appointments. */
export class SchedulingSchema1763800000001 implements MigrationInterface {
  name = 'SchedulingSchema1763800000001';

  async up(q: QueryRunner): Promise<void> {
    const s = schemaOf(q);
    // btree_gist lets one exclusion constraint refuse overlapping slots of a practitioner.
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await q.query(`
      CREATE TABLE ${s}.practitioner (
        id uuid PRIMARY KEY,
        rpps text UNIQUE,
        adeli text UNIQUE,
        profession text NOT NULL,
        specialties text[] NOT NULL DEFAULT '{}',
        family_name text,
        given_name text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (rpps IS NOT NULL OR adeli IS NOT NULL)
      )`);
    await q.query(`
      CREATE TABLE ${s}.structure (
        id uuid PRIMARY KEY,
        siret text UNIQUE,
        finess text UNIQUE,
        kind text NOT NULL CHECK (kind IN ('cpts', 'msp', 'centre-de-sante', 'sos-medecins', 'maison-medicale-de-garde')),
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (siret IS NOT NULL OR finess IS NOT NULL)
      )`);
    await q.query(`
      CREATE TABLE ${s}.place (
        id uuid PRIMARY KEY,
        practitioner_id uuid REFERENCES ${s}.practitioner (id),
        structure_id uuid REFERENCES ${s}.structure (id),
        name text,
        address_line text,
        postal_code text,
        city text,
        commune_code text NOT NULL,
        latitude double precision,
        longitude double precision,
        wheelchair_accessible boolean NOT NULL DEFAULT false,
        convention_sector text CHECK (convention_sector IN ('1', '2', '3')),
        third_party_payment boolean NOT NULL DEFAULT false,
        languages text[] NOT NULL DEFAULT '{}',
        home_visit_radius_km double precision,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (practitioner_id IS NOT NULL OR structure_id IS NOT NULL)
      )`);
    await q.query(`
      CREATE TABLE ${s}.slot (
        id uuid PRIMARY KEY,
        owner_id uuid NOT NULL,
        practitioner_id uuid REFERENCES ${s}.practitioner (id),
        structure_id uuid REFERENCES ${s}.structure (id),
        place_id uuid NOT NULL REFERENCES ${s}.place (id),
        start_at timestamptz NOT NULL,
        end_at timestamptz NOT NULL,
        visibility text[] NOT NULL,
        modes text[] NOT NULL,
        appointment_type text NOT NULL,
        specialties text[] NOT NULL,
        booking_url text,
        accepts_beyond_slots boolean NOT NULL DEFAULT false,
        status text NOT NULL DEFAULT 'free' CHECK (status IN ('free', 'booked', 'booked-elsewhere', 'withdrawn', 'expired')),
        revision integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (end_at > start_at),
        CHECK (owner_id = coalesce(practitioner_id, structure_id)),
        CONSTRAINT slot_no_overlap EXCLUDE USING gist (practitioner_id WITH =, tstzrange(start_at, end_at) WITH &&)
          WHERE (status IN ('free', 'booked') AND practitioner_id IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX slot_owner_start ON ${s}.slot (owner_id, start_at)`);
    await q.query(`CREATE INDEX slot_free_end ON ${s}.slot (end_at) WHERE status = 'free'`);
    await q.query(`
      CREATE TABLE ${s}.appointment (
        id uuid PRIMARY KEY,
        slot_id uuid NOT NULL REFERENCES ${s}.slot (id),
        case_id uuid,
        booked_by text NOT NULL,
        mode text NOT NULL CHECK (mode IN ('AMB', 'HH', 'VR')),
        status text NOT NULL CHECK (status IN ('booked', 'cancelled', 'honoured', 'no-show', 'moved')),
        booked_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // The last line of defence against a double booking: one live appointment per slot.
    await q.query(
      `CREATE UNIQUE INDEX appointment_one_per_slot ON ${s}.appointment (slot_id) WHERE status IN ('booked', 'honoured', 'no-show')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    const s = schemaOf(q);
    for (const table of ['appointment', 'slot', 'place', 'structure', 'practitioner']) await q.query(`DROP TABLE ${s}.${table}`);
  }
}
