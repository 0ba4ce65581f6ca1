import { EntityManager } from 'typeorm';
import { CptsLink } from './cpts-resources';

/**
 * What the guide's Slot carries beyond the slot offer the rest of scheduling knows: its
 * consultation reasons (motifs) and the CPTS it is shared with. Kept in the slot's own
 * row (columns reasons and cpts), written by the FHIR push only.
 */
export interface SlotExtras {
  reasons: string[];
  cpts: CptsLink[];
}

/** The extras of a vendor's slots that have any, by slot id. */
export async function readExtras(tx: EntityManager, vendor: string): Promise<Map<string, SlotExtras>> {
  const rows: ({ id: string } & SlotExtras)[] = await tx.query(
    `SELECT id, reasons, cpts FROM scheduling.slot WHERE vendor = $1 AND (reasons <> '{}' OR cpts <> '[]'::jsonb)`,
    [vendor],
  );
  return new Map(rows.map((r) => [r.id, { reasons: r.reasons, cpts: r.cpts }]));
}

export async function writeExtras(tx: EntityManager, rows: ({ id: string } & SlotExtras)[]): Promise<void> {
  if (!rows.length) return;
  await tx.query(
    `UPDATE scheduling.slot s SET reasons = x.reasons, cpts = x.cpts
       FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, reasons text[], cpts jsonb) WHERE s.id = x.id`,
    [JSON.stringify(rows)],
  );
}

const NONE: SlotExtras = { reasons: [], cpts: [] };

export function sameExtras(a: SlotExtras | undefined, b: SlotExtras): boolean {
  const key = (x: SlotExtras) =>
    JSON.stringify([
      [...x.reasons].sort(),
      [...x.cpts].sort((p, q) => p.finess.localeCompare(q.finess)).map((c) => [c.finess, c.name ?? null, c.telecom ?? null]),
    ]);
  return key(a ?? NONE) === key(b);
}

export const hasExtras = (x: SlotExtras) => x.reasons.length > 0 || x.cpts.length > 0;
