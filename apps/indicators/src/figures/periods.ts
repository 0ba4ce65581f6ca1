/**
 * The periods figures are grouped by. PostgreSQL truncates to day, week (ISO, Monday),
 * month and year; a half-year starts on 1 January or 1 July. Times are Europe/Paris.
 */
export const GRANULARITIES = ['day', 'week', 'month', 'half-year', 'year'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

/** SQL of a timestamptz column as Paris local time. */
export const parisLocal = (column: string) => `(${column} AT TIME ZONE 'Europe/Paris')`;

/** SQL of the start of the half-year (1 January or 1 July) holding a local timestamp. */
const halfYearStart = (local: string) =>
  `(date_trunc('year', ${local}) + CASE WHEN extract(month FROM ${local}) > 6 THEN interval '6 months' ELSE interval '0' END)`;

/** SQL of the start (a local timestamp) of the period holding a timestamptz column (the granularity is one of ours, written in). */
export function periodStartOf(column: string, granularity: Granularity): string {
  const local = parisLocal(column);
  return granularity === 'half-year' ? halfYearStart(local) : `date_trunc('${granularity}', ${local})`;
}

/** The granularities the daily rollups hold rows of; longer periods are read from the facts. */
export const ROLLUP_GRANULARITIES: readonly Granularity[] = ['day', 'week', 'month'];

/**
 * SQL of the start of the period holding a local timestamp, the granularity being the
 * statement's parameter $1 (the indicator queries share one statement per granularity).
 */
export function periodStartByParam(local: string): string {
  return `(CASE WHEN $1 = 'half-year' THEN ${halfYearStart(local)} ELSE date_trunc($1, ${local}) END)`;
}

/** SQL of the first day (YYYY-MM-DD) of the period holding a timestamptz column, the granularity being $1. */
export function periodByParam(column: string): string {
  return `to_char(${periodStartByParam(parisLocal(column))}, 'YYYY-MM-DD')`;
}

/** SQL of the first day (YYYY-MM-DD) of that period. */
export function periodOf(column: string, granularity: Granularity): string {
  return `to_char(${periodStartOf(column, granularity)}, 'YYYY-MM-DD')`;
}

/**
 * The range's days as instants, so that the (territory, time) indexes serve it; `$2` from, `$3`
 * to (inclusive). The same rows as comparing Paris local times: Paris midnights are never
 * skipped by DST.
 */
export function inRange(column: string): string {
  return `${column} >= ($2::date::timestamp AT TIME ZONE 'Europe/Paris') AND ${column} < (($3::date + 1)::timestamp AT TIME ZONE 'Europe/Paris')`;
}
