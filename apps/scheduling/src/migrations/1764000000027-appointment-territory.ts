import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The territory an appointment was booked for (its case's, or the slot's département):
 * regulators of that territory only may cancel, move or report it. Existing bookings take
 * the département of their slot's place.
 */
export class AppointmentTerritory1764000000027 implements MigrationInterface {
  name = 'AppointmentTerritory1764000000027';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE scheduling.appointment ADD COLUMN territory text`);
    await q.query(`
      UPDATE scheduling.appointment a
         SET territory = CASE WHEN p.commune_code LIKE '97%' THEN left(p.commune_code, 3) ELSE left(p.commune_code, 2) END
        FROM scheduling.slot s JOIN scheduling.place p ON p.id = s.place_id
       WHERE s.id = a.slot_id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE scheduling.appointment DROP COLUMN territory`);
  }
}
