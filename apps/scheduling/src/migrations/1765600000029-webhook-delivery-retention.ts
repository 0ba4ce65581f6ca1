import { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sas/persistence';

/**
 * Settled webhook deliveries (delivered or failed) are pruned after their retention: the
 * pruning job reads them by creation time, oldest first, without the pending ones the
 * delivery worker scans.
 */
export class WebhookDeliveryRetention1765600000029 implements MigrationInterface {
  name = 'WebhookDeliveryRetention1765600000029';

  async up(q: QueryRunner): Promise<void> {
    const s = schemaOf(q);
    await q.query(`CREATE INDEX webhook_delivery_settled ON ${s}.webhook_delivery (created_at) WHERE state <> 'pending'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ${schemaOf(q)}.webhook_delivery_settled`);
  }
}
