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
  /** The text a vendor gives beside a specialty code (`specialty.text`), by code. */
  specialtyTexts: Record<string, string>;
}

/** The extras of a vendor's slots that have any, by slot id. */
export async function readExtras(tx: EntityManager, vendor: string): Promise<Map<string, SlotExtras>> {
  const rows: { id: string; reasons: string[]; cpts: CptsLink[]; specialty_texts: Record<string, string> }[] = await tx.query(
    `SELECT id, reasons, cpts, specialty_texts FROM scheduling.slot WHERE vendor = $1 AND (reasons <> '{}' OR cpts <> '[]'::jsonb OR specialty_texts <> '{}'::jsonb)`,
    [vendor],
  );
  return new Map(rows.map((r) => [r.id, { reasons: r.reasons, cpts: r.cpts, specialtyTexts: r.specialty_texts }]));
}

export async function writeExtras(tx: EntityManager, rows: ({ id: string } & SlotExtras)[]): Promise<void> {
  if (!rows.length) return;
  await tx.query(
    `UPDATE scheduling.slot s SET reasons = x.reasons, cpts = x.cpts, specialty_texts = x.specialty_texts
       FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, reasons text[], cpts jsonb, specialty_texts jsonb) WHERE s.id = x.id`,
    [
      JSON.stringify(
        rows.map(({ id, reasons, cpts, specialtyTexts }) => ({ id, reasons, cpts, specialty_texts: specialtyTexts })),
      ),
    ],
  );
}

const NONE: SlotExtras = { reasons: [], cpts: [], specialtyTexts: {} };

export function sameExtras(a: SlotExtras | undefined, b: SlotExtras): boolean {
  const key = (x: SlotExtras) =>
    JSON.stringify([
      [...x.reasons].sort(),
      [...x.cpts].sort((p, q) => p.finess.localeCompare(q.finess)).map((c) => [c.finess, c.name ?? null, c.telecom ?? null]),
      Object.entries(x.specialtyTexts).sort(([p], [q]) => p.localeCompare(q)),
    ]);
  return key(a ?? NONE) === key(b);
}

export const hasExtras = (x: SlotExtras) => x.reasons.length > 0 || x.cpts.length > 0 || Object.keys(x.specialtyTexts).length > 0;
