/**
 * A CPTS's figures over a period, per member: a slot counts for its practitioner when the
 * practitioner is a member, else for its structure (a member structure's slots of a
 * non-member practitioner are the structure's). $1 practitioner ids, $2 structure ids,
 * $3..$4 the period (slot start).
 */
export const CPTS_FIGURES_SQL = `
  WITH counted AS (
  SELECT m.member_kind, m.member_id,
         count(*)::int AS published,
         count(*) FILTER (WHERE s.status = 'free')::int AS free,
         count(*) FILTER (WHERE s.status = 'booked')::int AS booked_by_sas,
         count(*) FILTER (WHERE s.status = 'booked-elsewhere')::int AS booked_elsewhere,
         count(*) FILTER (WHERE s.status = 'withdrawn')::int AS withdrawn,
         count(*) FILTER (WHERE s.status = 'expired')::int AS expired,
         count(a.id) FILTER (WHERE a.status = 'honoured')::int AS honoured,
         count(a.id) FILTER (WHERE a.status = 'no-show')::int AS no_show
    FROM scheduling.slot s
    CROSS JOIN LATERAL (SELECT CASE WHEN s.practitioner_id = ANY($1::uuid[]) THEN 'practitioner' ELSE 'structure' END AS member_kind,
                               CASE WHEN s.practitioner_id = ANY($1::uuid[]) THEN s.practitioner_id ELSE s.structure_id END AS member_id) m
    LEFT JOIN scheduling.appointment a ON a.slot_id = s.id AND a.status IN ('booked', 'honoured', 'no-show')
   WHERE (s.owner_id = ANY($1::uuid[]) OR s.structure_id = ANY($2::uuid[]))
     AND s.start_at >= $3 AND s.start_at < $4
   GROUP BY m.member_kind, m.member_id)
  SELECT c.*, coalesce(pr.rpps, pr.adeli, st.siret, st.finess) AS identifier
    FROM counted c
    LEFT JOIN scheduling.practitioner pr ON c.member_kind = 'practitioner' AND pr.id = c.member_id
    LEFT JOIN scheduling.structure st ON c.member_kind = 'structure' AND st.id = c.member_id
   ORDER BY identifier`;

export interface CptsFigureRow {
  member_kind: 'practitioner' | 'structure';
  member_id: string;
  identifier: string;
  published: number;
  free: number;
  booked_by_sas: number;
  booked_elsewhere: number;
  withdrawn: number;
  expired: number;
  honoured: number;
  no_show: number;
}

/** The figures of each member (RPPS or SIRET/FINESS, and directory id); a member without slots in the period is absent. */
export function memberFigures(rows: CptsFigureRow[]) {
  return rows.map((r) => ({
    kind: r.member_kind,
    identifier: r.identifier,
    id: r.member_id,
    publishedSlots: r.published,
    free: r.free,
    bookedBySas: r.booked_by_sas,
    bookedElsewhere: r.booked_elsewhere,
    withdrawn: r.withdrawn,
    expired: r.expired,
    honoured: r.honoured,
    noShow: r.no_show,
  }));
}
