import { CptsRegistered } from '@sas/contracts';
import { OutboxWriter } from '@sas/messaging';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * CPTS registered before cpts-registered existed published no perimeter: the indicators
 * could not read them as territories until an admin registered them again. Each gets its
 * event now, through the outbox like any registration (the relay publishes it at start).
 */
export class PublishCptsPerimeters1765460000030 implements MigrationInterface {
  name = 'PublishCptsPerimeters1765460000030';

  async up(q: QueryRunner): Promise<void> {
    const rows: { id: string; name: string; communes: string[]; updated_at: Date }[] = await q.query(
      `SELECT id, name, communes, updated_at FROM scheduling.cpts ORDER BY id`,
    );
    await new OutboxWriter('scheduling', '/sas/scheduling').appendMany(
      q.manager,
      CptsRegistered,
      rows.map((r) => ({
        ownerId: r.id,
        cptsId: r.id,
        cptsName: r.name,
        communes: r.communes,
        registeredAt: r.updated_at.toISOString(),
      })),
    );
  }

  // Published events stay published: nothing to undo.
  async down(): Promise<void> {}
}
