import { Client } from 'pg';
import { planRegion } from '@sas/simulation';
import { departementOfCommune } from '@sas/referentials';

export interface Publisher {
  id: string;
  communeCode: string;
  departement: string;
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
const uuidOf = (kind: number, i: number) => `00000000-0000-4000-${8000 + kind}-${i.toString(16).padStart(12, '0')}`;

/**
 * A year of the SNP and walk-in slots the simulated region publishes at scale 1 (12,374
 * practitioners and 759 structures of `planRegion`, each at its place, every SNP or
 * walk-in opening rule expanded over every day of the year: about 24,000 SNP slots a day).
 * The region's other slots (public and professional only, ~170,000 a day) enter no figure
 * and are not written. Public holidays are not closed. Returns the practitioners who
 * publish SNP slots and where, whom the bookings go to.
 */
export async function writeYearOfSlots(db: Client, firstDay: string, days: number): Promise<Publisher[]> {
  const plan = planRegion({ region: '11', scale: 1, seed: 1 });
  const rows = {
    owner: [] as string[],
    practitioner: [] as (string | null)[],
    commune: [] as string[],
    departement: [] as string[],
    weekday: [] as number[],
    start: [] as number[],
    end: [] as number[],
    step: [] as number[],
    snp: [] as boolean[],
    walkIn: [] as boolean[],
  };
  const publishers = new Map<string, Publisher>();
  const owners = [
    ...plan.practitioners.map((p, i) => ({ id: uuidOf(1, i), practitioner: true, place: p.place, rules: p.rules })),
    ...plan.structures.map((s, i) => ({ id: uuidOf(2, i), practitioner: false, place: s.place, rules: s.rules })),
  ];
  for (const owner of owners) {
    for (const rule of owner.rules) {
      const snp = rule.visibility.includes('SNP');
      const walkIn = rule.appointmentType === 'WALKIN';
      if (!snp && !walkIn) continue;
      if (snp && owner.practitioner)
        publishers.set(owner.id, {
          id: owner.id,
          communeCode: owner.place.communeCode,
          departement: departementOfCommune(owner.place.communeCode),
        });
      for (const weekday of rule.weekdays) {
        for (const period of rule.periods) {
          rows.owner.push(owner.id);
          rows.practitioner.push(owner.practitioner ? owner.id : null);
          rows.commune.push(owner.place.communeCode);
          rows.departement.push(departementOfCommune(owner.place.communeCode));
          rows.weekday.push(weekday);
          rows.start.push(minutes(period.start));
          rows.end.push(minutes(period.end));
          rows.step.push(rule.slotMinutes);
          rows.snp.push(snp);
          rows.walkIn.push(walkIn);
        }
      }
    }
  }
  await db.query(
    `INSERT INTO indicators.slot_fact (slot_id, owner_id, practitioner_id, commune_code, departement, start_at, end_at, snp, walk_in, state_revision)
     SELECT gen_random_uuid(), r.owner, r.practitioner, r.commune, r.departement, t, t + make_interval(mins => r.step), r.snp, r.walk_in, 1
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::int[], $6::int[], $7::int[], $8::int[], $9::boolean[], $10::boolean[])
              AS r(owner, practitioner, commune, departement, weekday, first_minute, end_minute, step, snp, walk_in)
       JOIN generate_series($11::date::timestamp, ($11::date + ($12::int - 1))::timestamp, interval '1 day') d(day) ON extract(isodow FROM d.day) = r.weekday
       CROSS JOIN LATERAL generate_series(r.first_minute, r.end_minute - r.step, r.step) m(minute)
       CROSS JOIN LATERAL (SELECT (d.day + make_interval(mins => m.minute)) AT TIME ZONE 'Europe/Paris' AS t) s`,
    [
      rows.owner,
      rows.practitioner,
      rows.commune,
      rows.departement,
      rows.weekday,
      rows.start,
      rows.end,
      rows.step,
      rows.snp,
      rows.walkIn,
      firstDay,
      days,
    ],
  );
  return [...publishers.values()];
}
