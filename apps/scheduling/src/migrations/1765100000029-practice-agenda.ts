import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The practice side's reads: CPTS registered as organisations (members by national
 * identifier, a perimeter of communes), the secret calendar feeds practices subscribe to
 * (only the SHA-256 of each feed's secret is kept), and the indexes an agenda listing needs
 * (a structure's slots by start, an appointment by its slot whatever its status).
 */
export class PracticeAgenda1765100000029 implements MigrationInterface {
  name = 'PracticeAgenda1765100000029';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE scheduling.cpts (
        id text PRIMARY KEY,
        name text NOT NULL,
        practitioner_rpps text[] NOT NULL DEFAULT '{}',
        structure_ids text[] NOT NULL DEFAULT '{}',
        communes text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE scheduling.agenda_feed (
        id uuid PRIMARY KEY,
        secret_hash text NOT NULL UNIQUE,
        view text NOT NULL CHECK (view IN ('appointments', 'slots')),
        label text,
        owner_role text NOT NULL,
        owner_subject text NOT NULL,
        practitioner_rpps text[] NOT NULL DEFAULT '{}',
        structure_ids text[] NOT NULL DEFAULT '{}',
        cpts_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz
      )`);
    await q.query(`CREATE INDEX agenda_feed_owner ON scheduling.agenda_feed (owner_subject)`);
    await q.query(`CREATE INDEX appointment_slot ON scheduling.appointment (slot_id)`);
    await q.query(`CREATE INDEX slot_structure_start ON scheduling.slot (structure_id, start_at) WHERE structure_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX scheduling.slot_structure_start`);
    await q.query(`DROP INDEX scheduling.appointment_slot`);
    await q.query(`DROP TABLE scheduling.agenda_feed`);
    await q.query(`DROP TABLE scheduling.cpts`);
  }
}
