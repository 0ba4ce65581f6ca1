import { Pool } from 'pg';

/** One statement's share of a phase, as pg_stat_statements counted it. */
export interface StatementShare {
  statement: string;
  calls: number;
  /** Planning and execution time, ms in all and per call. */
  totalMs: number;
  meanMs: number;
  /** Of which planning, ms per call (0 unless pg_stat_statements.track_planning is on). */
  meanPlanMs: number;
}

/**
 * Where PostgreSQL's time goes during a benchmark phase, when the server was started
 * with `SAS_POSTGRES_SETTINGS="shared_preload_libraries=pg_stat_statements
 * pg_stat_statements.track_planning=on"`; otherwise `top` answers undefined and the
 * benchmark reports nothing of it.
 */
export async function statementTimes(databaseUrl: string): Promise<{ top(n: number): Promise<StatementShare[] | undefined> }> {
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  const available = await pool
    .query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements')
    .then(() => pool.query('SELECT pg_stat_statements_reset()'))
    .then(
      () => true,
      () => false,
    );
  return {
    async top(n) {
      try {
        if (!available) return undefined;
        const { rows } = await pool.query(
          `SELECT regexp_replace(query, '\\s+', ' ', 'g') AS statement, calls::int,
                  (total_plan_time + total_exec_time) AS total, total_plan_time AS plan
             FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND calls > 0
            ORDER BY total DESC LIMIT $1`,
          [n],
        );
        return rows.map((r) => ({
          statement: String(r.statement).slice(0, 160),
          calls: r.calls,
          totalMs: Math.round(r.total),
          meanMs: +(r.total / r.calls).toFixed(3),
          meanPlanMs: +(r.plan / r.calls).toFixed(3),
        }));
      } finally {
        await pool.end();
      }
    },
  };
}
