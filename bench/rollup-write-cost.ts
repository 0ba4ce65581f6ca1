import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { EntityManager } from 'typeorm';
import { PendingSlotFacts } from '../apps/indicators/src/facts/pending-slot-facts';
import { percentile } from '@sas/simulation';

/**
 * What the rollup triggers add to the facts consumer's writes: batches of slot states
 * written by the consumer's own statement (PendingSlotFacts), new slots then a revision of
 * each, with the triggers on and off, each batch rolled back so the year stays as it was.
 * Returns the median ms per batch both ways.
 */
export async function slotWriteCost(db: Client, lastDay: string, batches = 15, size = 500): Promise<{ on: number; off: number }> {
  const { rows: owners } = await db.query('SELECT DISTINCT owner_id, commune_code FROM indicators.slot_fact LIMIT 2000');
  const tx = { query: async (sql: string, params: unknown[]) => (await db.query(sql, params)).rows } as unknown as EntityManager;
  const batch = async (): Promise<number> => {
    const slots = Array.from({ length: size }, (_, i) => {
      const owner = owners[i % owners.length];
      const start = new Date(Date.parse(lastDay) - Math.floor(Math.random() * 360) * 86_400_000 + (8 + (i % 12)) * 3_600_000);
      return {
        slotId: randomUUID(),
        ownerId: owner.owner_id,
        practitionerId: owner.owner_id,
        place: { communeCode: owner.commune_code },
        start: start.toISOString(),
        end: new Date(start.getTime() + 1_200_000).toISOString(),
        visibility: ['SNP'],
        appointmentType: 'ROUTINE',
        revision: 1,
      };
    });
    await db.query('BEGIN');
    try {
      const begun = performance.now();
      for (const revision of [1, 2]) {
        const pending = new PendingSlotFacts();
        for (const s of slots)
          pending.state({
            ...s,
            revision,
            start: revision === 2 ? new Date(Date.parse(s.start) + 86_400_000).toISOString() : s.start,
          } as never);
        await pending.write(tx);
      }
      return performance.now() - begun;
    } finally {
      await db.query('ROLLBACK');
    }
  };
  const measure = async () => {
    const times: number[] = [];
    for (let i = 0; i < batches; i++) times.push(await batch());
    return Math.round(
      percentile(
        times.sort((a, b) => a - b),
        50,
      ),
    );
  };
  const on = await measure();
  await db.query('ALTER TABLE indicators.slot_fact DISABLE TRIGGER USER');
  try {
    return { on, off: await measure() };
  } finally {
    await db.query('ALTER TABLE indicators.slot_fact ENABLE TRIGGER USER');
  }
}
