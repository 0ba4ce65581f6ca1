import { Client } from 'pg';
import { regionCommunes } from '@sas/simulation';
import { ORIENTATION_OUTCOMES } from '@sas/contracts';

export interface YearVolume {
  days: number;
  slotsPerDay: number;
  callsPerDay: number;
  practitioners: number;
}

/**
 * A year of Île-de-France facts written straight into the indicators' fact tables (the
 * rows the consumers would have written from the events), so that the dashboard's first
 * view is measured over a year of data without replaying a year of events first. Communes
 * are drawn in proportion to their population; one call in two needs a consultation.
 */
export async function writeYearOfFacts(
  databaseUrl: string,
  lastDay: string,
  volume: YearVolume,
): Promise<Record<string, number>> {
  const communes = regionCommunes('11');
  const total = communes.reduce((s, c) => s + c.population, 0);
  // 10,000 draws laid out by population: index i holds the commune of the i-th ten-thousandth of the people.
  const codes: string[] = [];
  const departements: string[] = [];
  let cumulated = 0;
  let next = 0;
  for (const c of communes) {
    cumulated += c.population;
    while (next < 10_000 && (next + 0.5) / 10_000 <= cumulated / total) {
      codes.push(c.code);
      departements.push(c.departement);
      next++;
    }
  }
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query('SELECT setseed(0.26)');
    const first = `($1::date - ${volume.days - 1})`;
    const pick = `1 + floor(random() * ${codes.length})::int`;
    await db.query(
      `INSERT INTO indicators.slot_fact (slot_id, owner_id, practitioner_id, commune_code, departement, start_at, end_at, snp, walk_in, state_revision)
       SELECT gen_random_uuid(), p, p, ($2::text[])[k], ($3::text[])[k], t, t + interval '20 minutes', random() < 0.8, random() < 0.03, 1
         FROM (SELECT ((${first} + (i / $4)::int) + make_interval(hours => 8 + floor(random() * 12)::int, mins => 20 * floor(random() * 3)::int)) AT TIME ZONE 'Europe/Paris' AS t,
                      ('00000000-0000-4000-8000-' || lpad(to_hex(floor(random() * $5)::int), 12, '0'))::uuid AS p,
                      ${pick} AS k
                 FROM generate_series(0, $4 * ${volume.days} - 1) i) s`,
      [lastDay, codes, departements, volume.slotsPerDay, volume.practitioners],
    );
    await db.query(
      `INSERT INTO indicators.case_fact (case_id, territory, commune_code, call_received_at, consultation_needed, assessed_at)
       SELECT gen_random_uuid(), ($3::text[])[k], ($2::text[])[k], t, random() < 0.5, t + interval '6 minutes'
         FROM (SELECT ((${first} + (i / $4)::int) + make_interval(secs => floor(random() * 86400)::int)) AT TIME ZONE 'Europe/Paris' AS t, ${pick} AS k
                 FROM generate_series(0, $4 * ${volume.days} - 1) i) s`,
      [lastDay, codes, departements, volume.callsPerDay],
    );
    // Each case one orientation: a consultation when one was needed (now and then no solution), advice and the rest otherwise.
    await db.query(
      `INSERT INTO indicators.orientation_fact (case_id, oriented_at, territory, commune_code, call_received_at, outcome, reorientation, delay_minutes, practitioner_id)
       SELECT c.case_id, c.call_received_at + interval '12 minutes', c.territory, c.commune_code, c.call_received_at, o.outcome, false,
              CASE WHEN o.outcome = 'snp-consultation' THEN 60 + floor(random() * 2800)::int END,
              CASE WHEN o.outcome = 'snp-consultation' THEN ('00000000-0000-4000-8000-' || lpad(to_hex(floor(random() * $2)::int), 12, '0'))::uuid END
         FROM indicators.case_fact c,
              LATERAL (SELECT CASE WHEN c.consultation_needed THEN (CASE WHEN random() < 0.9 THEN 'snp-consultation' ELSE 'no-solution' END)
                                   ELSE ($1::text[])[1 + floor(random() * array_length($1::text[], 1))::int] END AS outcome) o`,
      [ORIENTATION_OUTCOMES.filter((o) => o !== 'snp-consultation' && o !== 'no-solution'), volume.practitioners],
    );
    await db.query(
      `INSERT INTO indicators.appointment_fact (appointment_id, case_id, practitioner_id, commune_code, departement, start_at, placed_at, booked_at, honoured_at, no_show_at, cancelled_at)
       SELECT gen_random_uuid(), o.case_id, o.practitioner_id, o.commune_code, o.territory, o.call_received_at + make_interval(mins => o.delay_minutes), o.oriented_at, o.oriented_at,
              CASE WHEN r < 0.85 THEN o.call_received_at + make_interval(mins => o.delay_minutes + 20) END,
              CASE WHEN r >= 0.85 AND r < 0.93 THEN o.call_received_at + make_interval(mins => o.delay_minutes + 20) END,
              CASE WHEN r >= 0.93 THEN o.oriented_at + interval '3 hours' END
         FROM (SELECT *, random() AS r FROM indicators.orientation_fact WHERE outcome = 'snp-consultation') o`,
    );
    await db.query(
      'ANALYZE indicators.slot_fact, indicators.case_fact, indicators.orientation_fact, indicators.appointment_fact',
    );
    const counts: Record<string, number> = {};
    for (const table of ['slot_fact', 'case_fact', 'orientation_fact', 'appointment_fact']) {
      counts[table] = Number((await db.query(`SELECT count(*) AS n FROM indicators.${table}`)).rows[0].n);
    }
    return counts;
  } finally {
    await db.end();
  }
}
