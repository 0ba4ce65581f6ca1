import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When a pull last confirmed each SOS Médecins association's slots: the staleness clock of
 * the associations a vendor serves (asked by SIRET), beside the practitioners' one
 * (`vendor_confirmation`, keyed by RPPS), so that a silent vendor's association slots are
 * withdrawn too and one association's bad answer does not age the others'.
 */
export class VendorAssociationConfirmation1764950000021 implements MigrationInterface {
  name = 'VendorAssociationConfirmation1764950000021';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE scheduling.vendor_association_confirmation (
        vendor_id text NOT NULL REFERENCES scheduling.vendor (id) ON DELETE CASCADE,
        siret text NOT NULL,
        confirmed_at timestamptz NOT NULL,
        PRIMARY KEY (vendor_id, siret)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE scheduling.vendor_association_confirmation`);
  }
}
