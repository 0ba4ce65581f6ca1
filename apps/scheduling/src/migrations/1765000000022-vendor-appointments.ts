import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Booking a vendor-hosted slot: the hand-over references given to regulators (opaque,
 * single use, expiring) and the appointments vendors report (INT_R03), keyed by the
 * vendor's own identifier so that a repeated or late report is recognised.
 */
export class VendorAppointments1765000000022 implements MigrationInterface {
  name = 'VendorAppointments1765000000022';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE scheduling.hand_over (
        reference text PRIMARY KEY,
        vendor_id text NOT NULL,
        slot_id uuid NOT NULL REFERENCES scheduling.slot (id),
        case_id uuid,
        territory text,
        requested_by text NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        appointment_id uuid
      )`);
    await q.query(`
      CREATE TABLE scheduling.vendor_appointment (
        vendor_id text NOT NULL,
        identifier_system text NOT NULL,
        identifier_value text NOT NULL,
        appointment_id uuid NOT NULL UNIQUE REFERENCES scheduling.appointment (id),
        status text NOT NULL,
        start_at timestamptz NOT NULL,
        end_at timestamptz NOT NULL,
        digest text NOT NULL,
        version_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL,
        PRIMARY KEY (vendor_id, identifier_system, identifier_value)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE scheduling.vendor_appointment`);
    await q.query(`DROP TABLE scheduling.hand_over`);
  }
}
