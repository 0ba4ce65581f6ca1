import { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sas/persistence';

export class SlotsTable1763800000001 implements MigrationInterface {
  name = 'SlotsTable1763800000001';

  async up(q: QueryRunner): Promise<void> {
    const s = schemaOf(q);
    await q.query(`
      CREATE TABLE ${s}.slot (
        id uuid PRIMARY KEY,
        practitioner_rpps text NOT NULL,
        profession text NOT NULL,
        specialties text[] NOT NULL,
        place_id uuid NOT NULL,
        commune_code text NOT NULL,
        latitude double precision,
        longitude double precision,
        start_at timestamptz NOT NULL,
        end_at timestamptz NOT NULL,
        visibility text[] NOT NULL,
        modes text[] NOT NULL,
        appointment_type text NOT NULL,
        booking_url text,
        accepts_beyond_slots boolean NOT NULL DEFAULT false,
        status text NOT NULL DEFAULT 'free' CHECK (status IN ('free', 'booked', 'withdrawn')),
        revision integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (end_at > start_at)
      )`);
    await q.query(`CREATE INDEX slot_practitioner_start ON ${s}.slot (practitioner_rpps, start_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ${schemaOf(q)}.slot`);
  }
}
