import { Client } from 'pg';
import { regionCommunes } from '@sas/simulation';
import { ORIENTATION_OUTCOMES } from '@sas/contracts';
import { CALLS_PER_10K_PER_DAY, expectedCalls, WEEKEND_FACTOR } from '../libs/simulation/src/call-model';
import { writeYearOfSlots } from './dashboard-year-slots';

const FACT_TABLES = ['slot_fact', 'case_fact', 'orientation_fact', 'appointment_fact'];

/**
 * A year of Île-de-France facts at full scale written straight into the indicators' fact
 * tables (the rows the consumers would have written from the events), so that the
 * dashboard is measured over a year of data without replaying a year of events first:
 * the simulated region's SNP slots (dashboard-year-slots.ts) and the simulation's calls —
 * 8 per 10,000 inhabitants a day, weekends × 1.5, over the day by its hourly curve, from
 * communes drawn by population; 55 % need a consultation, 90 % of those booked (the rest
 * "no solution") within 2 h, the same day or 48 h as the simulation's urgencies, with
 * practitioners who publish SNP slots; 85 % honoured, 8 % no-show, 7 % cancelled.
 * Written with the rollup triggers off; the caller refills the rollups after.
 */
export async function writeYearOfFacts(db: Client, lastDay: string, days: number): Promise<Record<string, number>> {
  const communes = regionCommunes('11');
  const population = communes.reduce((s, c) => s + c.population, 0);
  // 10,000 draws laid out by population: index i holds the commune of the i-th ten-thousandth of the people.
  const codes: string[] = [];
  const departements: string[] = [];
  let cumulated = 0;
  for (const c of communes) {
    cumulated += c.population;
    while (codes.length < 10_000 && (codes.length + 0.5) / 10_000 <= cumulated / population) {
      codes.push(c.code);
      departements.push(c.departement);
    }
  }
  // Thresholds of the hour of a call: width_bucket(random(), thresholds) - 1 is the hour.
  const hourly = Array.from({ length: 24 }, (_, h) => expectedCalls(population, h, false));
  const thresholds = hourly.map((_, h) => hourly.slice(0, h).reduce((a, b) => a + b, 0) / hourly.reduce((a, b) => a + b, 0));
  const perDay = Math.round((population * CALLS_PER_10K_PER_DAY) / 10_000);
  const firstDay = (await db.query(`SELECT ($1::date - ($2::int - 1))::text AS d`, [lastDay, days])).rows[0].d as string;
  await db.query('SELECT setseed(0.26)');
  for (const table of FACT_TABLES) await db.query(`ALTER TABLE indicators.${table} DISABLE TRIGGER USER`);
  try {
    const publishers = await writeYearOfSlots(db, firstDay, days);
    await db.query(
      `INSERT INTO indicators.case_fact (case_id, territory, commune_code, call_received_at, consultation_needed, assessed_at)
       SELECT gen_random_uuid(), ($3::text[])[k], ($2::text[])[k], t, random() < 0.55, t + interval '6 minutes'
         FROM (SELECT (d.day + make_interval(hours => width_bucket(random(), $4::float8[]) - 1, secs => floor(random() * 3600)::int)) AT TIME ZONE 'Europe/Paris' AS t,
                      1 + floor(random() * ${codes.length})::int AS k
                 FROM generate_series($1::date::timestamp, ($1::date + ($5::int - 1))::timestamp, interval '1 day') d(day)
                 CROSS JOIN LATERAL generate_series(1, CASE WHEN extract(isodow FROM d.day) >= 6 THEN $7::int ELSE $6::int END) n) s`,
      [firstDay, codes, departements, thresholds, days, perDay, Math.round(perDay * WEEKEND_FACTOR)],
    );
    // Each booking goes to a practitioner publishing SNP slots in the patient's département, at that practitioner's place.
    const byDepartement = [...new Set(publishers.map((p) => p.departement))].sort();
    const sorted = [...publishers].sort((a, b) => a.departement.localeCompare(b.departement));
    const offsets = byDepartement.map((d) => sorted.findIndex((p) => p.departement === d));
    const sizes = byDepartement.map((d) => sorted.filter((p) => p.departement === d).length);
    await db.query(
      `INSERT INTO indicators.orientation_fact (case_id, oriented_at, territory, commune_code, call_received_at, outcome, reorientation, delay_minutes, practitioner_id)
       SELECT c.case_id, c.call_received_at + interval '12 minutes', c.territory, c.commune_code, c.call_received_at, o.outcome, false,
              CASE WHEN o.outcome = 'snp-consultation' THEN
                CASE WHEN u < 0.10 THEN 30 + floor(random() * 90) WHEN u < 0.55 THEN 60 + floor(random() * 660) ELSE 720 + floor(random() * (CASE WHEN random() < 0.9 THEN 2160 ELSE 3600 END)) END END,
              CASE WHEN o.outcome = 'snp-consultation' THEN ($2::uuid[])[1 + ($4::int[])[d] + floor(random() * ($5::int[])[d])::int] END
         FROM (SELECT *, random() AS u, array_position($3::text[], territory) AS d FROM indicators.case_fact) c,
              LATERAL (SELECT CASE WHEN c.consultation_needed THEN (CASE WHEN random() < 0.9 THEN 'snp-consultation' ELSE 'no-solution' END)
                                   ELSE ($1::text[])[1 + floor(random() * array_length($1::text[], 1))::int] END AS outcome) o`,
      [
        ORIENTATION_OUTCOMES.filter((o) => o !== 'snp-consultation' && o !== 'no-solution'),
        sorted.map((p) => p.id),
        byDepartement,
        offsets,
        sizes,
      ],
    );
    await db.query(
      `CREATE TEMP TABLE bench_publisher AS SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[]) p(id, commune_code, departement)`,
      [sorted.map((p) => p.id), sorted.map((p) => p.communeCode), sorted.map((p) => p.departement)],
    );
    await db.query(
      `INSERT INTO indicators.appointment_fact (appointment_id, case_id, practitioner_id, commune_code, departement, start_at, placed_at, booked_at, honoured_at, no_show_at, cancelled_at)
       SELECT gen_random_uuid(), o.case_id, o.practitioner_id, p.commune_code, p.departement, o.call_received_at + make_interval(mins => o.delay_minutes), o.oriented_at, o.oriented_at,
              CASE WHEN r < 0.85 THEN o.call_received_at + make_interval(mins => o.delay_minutes + 20) END,
              CASE WHEN r >= 0.85 AND r < 0.93 THEN o.call_received_at + make_interval(mins => o.delay_minutes + 20) END,
              CASE WHEN r >= 0.93 THEN o.oriented_at + interval '3 hours' END
         FROM (SELECT *, random() AS r FROM indicators.orientation_fact WHERE outcome = 'snp-consultation') o JOIN bench_publisher p ON p.id = o.practitioner_id`,
    );
  } finally {
    for (const table of FACT_TABLES) await db.query(`ALTER TABLE indicators.${table} ENABLE TRIGGER USER`);
  }
  await db.query(`ANALYZE ${FACT_TABLES.map((t) => `indicators.${t}`).join(', ')}`);
  const counts: Record<string, number> = {};
  for (const table of FACT_TABLES)
    counts[table] = Number((await db.query(`SELECT count(*) AS n FROM indicators.${table}`)).rows[0].n);
  return counts;
}
