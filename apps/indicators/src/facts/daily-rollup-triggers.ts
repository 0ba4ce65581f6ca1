import { ROLLUP_FAMILIES, RollupFamily, rollupDelta, RollupSource } from './daily-rollup';

const { SLOT, PUBLISHER, HOUR, APPOINTMENT, LOAD, REQUEST, ORIENTATION, DELAY_HOUR, DELAY_MINUTE } = ROLLUP_FAMILIES;

type Change = 'INSERT' | 'UPDATE' | 'DELETE';

/** The rows a statement added and removed, as its transition tables name them. */
const ROWS: Record<Change, { added?: string; removed?: string }> = {
  INSERT: { added: 'new_rows' },
  UPDATE: { added: 'new_rows', removed: 'old_rows' },
  DELETE: { removed: 'old_rows' },
};

/** What a statement on a fact table changes in the rollups, one statement per family. */
function deltas(schema: string, table: string, change: Change): string[] {
  const { added, removed } = ROWS[change];
  const own = (families: RollupFamily[]) => families.map((f) => rollupDelta(schema, f, added, removed));
  switch (table) {
    case 'slot_fact':
      return own([SLOT, PUBLISHER, HOUR]);
    case 'appointment_fact':
      return own([APPOINTMENT, LOAD]);
    case 'orientation_fact':
      return own([ORIENTATION, DELAY_HOUR, DELAY_MINUTE]);
    case 'case_fact': {
      // A case's territory and commune place its appointments: they move with it.
      const none = `(SELECT * FROM ${schema}.case_fact WHERE false)`;
      const appointmentsOf = (cases: string) =>
        `(SELECT * FROM ${schema}.appointment_fact WHERE case_id IN (SELECT case_id FROM ${cases}))`;
      const placed = (cases: string | undefined, other: string): RollupSource => ({
        facts: appointmentsOf(cases ?? other),
        cases: cases ?? none,
      });
      const moved = rollupDelta(schema, APPOINTMENT, placed(added, removed!), placed(removed, added!));
      return [...own([REQUEST]), moved];
    }
    default:
      throw new Error(`no rollup reads ${table}`);
  }
}

/**
 * Appointments are placed by their case's row, which another transaction may be writing
 * at the same time (cases and appointments arrive on different topics): each side locks
 * the case ids first, so that the later one waits, then sees the other's rows.
 */
function lockCases(caseIds: string): string {
  return `PERFORM pg_advisory_xact_lock(${CASE_LOCK_CLASS}, hashtext(id::text)) FROM (SELECT DISTINCT case_id AS id FROM (${caseIds}) ids WHERE case_id IS NOT NULL ORDER BY 1) ordered`;
}
const CASE_LOCK_CLASS = 2026;

export const ROLLED_UP_FACTS = ['slot_fact', 'appointment_fact', 'case_fact', 'orientation_fact'];

/** Trigger functions and statement triggers keeping every rollup equal to the facts. */
export function rollupTriggersSql(schema: string): string[] {
  const statements: string[] = [];
  for (const table of ROLLED_UP_FACTS) {
    for (const change of ['INSERT', 'UPDATE', 'DELETE'] as const) {
      const fn = `${schema}.rollup_${table}_${change.toLowerCase()}`;
      const { added, removed } = ROWS[change];
      const referencing = [removed && `OLD TABLE AS ${removed}`, added && `NEW TABLE AS ${added}`].filter(Boolean).join(' ');
      const cases = [added, removed]
        .filter(Boolean)
        .map((rows) => `SELECT case_id FROM ${rows}`)
        .join(' UNION ');
      const lock = table === 'case_fact' || table === 'appointment_fact' ? `${lockCases(cases)};` : '';
      statements.push(
        `CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $rollup$
         BEGIN
           ${lock}
           ${deltas(schema, table, change).join(';\n')};
           RETURN NULL;
         END $rollup$`,
        `CREATE TRIGGER rollup_${change.toLowerCase()} AFTER ${change} ON ${schema}.${table}
           REFERENCING ${referencing} FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
      );
    }
  }
  return statements;
}

export function dropRollupTriggersSql(schema: string): string[] {
  return ROLLED_UP_FACTS.flatMap((table) =>
    ['insert', 'update', 'delete'].flatMap((change) => [
      `DROP TRIGGER IF EXISTS rollup_${change} ON ${schema}.${table}`,
      `DROP FUNCTION IF EXISTS ${schema}.rollup_${table}_${change}()`,
    ]),
  );
}
