import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { FiguresRange } from '../figures/figures-scope';
import { round } from '../figures/figures.service';
import { Granularity, inRange, periodStartOf } from '../figures/periods';

export interface UtilisationQuery extends FiguresRange {
  granularity: Granularity;
}

export type UtilisationRow = Record<string, string | number | null>;

/** What became of a published SNP slot, in the order the figures list them. */
export const SLOT_FATES = ['booked_via_sas', 'booked_elsewhere', 'expired', 'withdrawn', 'free'] as const;
export type SlotFate = (typeof SLOT_FATES)[number];

/**
 * A slot's fate from its facts and `held` (its appointments: `active` when one is not
 * cancelled, null when it has none). An appointment not cancelled holds it first: a vendor's
 * report of a SAS booking may book a slot the vendor's feed had withdrawn, without a new
 * slot event (docs/slot-lifecycle.md), and a walk-in opening stays free while it takes
 * patients. Otherwise its latest event says: the withdrawal when newer than its state.
 * A booking cancelled after the start left the slot expired without an event. A slot
 * still free after its start is lost whether or not the expiry job has run yet.
 */
export const SLOT_FATE_SQL = `CASE
    WHEN h.active THEN 'booked_via_sas'
    WHEN s.withdrawn_revision > s.state_revision THEN CASE s.withdrawn_reason
      WHEN 'booked-elsewhere' THEN 'booked_elsewhere'
      WHEN 'expired' THEN 'expired'
      WHEN 'booked' THEN CASE WHEN h.active IS NULL THEN 'booked_via_sas' WHEN s.start_at <= now() THEN 'expired' ELSE 'free' END
      ELSE 'withdrawn' END
    WHEN s.start_at <= now() THEN 'expired'
    ELSE 'free' END`;

/**
 * Were the published SNP slots used? Of the SNP slots whose start falls in each period,
 * by the territory of their place: booked through the SAS, booked elsewhere, lost
 * (expired free), withdrawn, still free; counts and shares of the published. Read from
 * the slot facts of the range by the (departement, start_at) index, joined to the
 * appointments starting in the range widened by a day (an appointment starts when its slot
 * does): one hash join, where a probe per slot took seconds for a month of a département.
 */
@Injectable()
export class SlotUtilisationService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async compute(query: UtilisationQuery): Promise<UtilisationRow[]> {
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT to_char(period, 'YYYY-MM-DD') AS period, territory, count(*) AS snp_slots_published,
              ${SLOT_FATES.map((f) => `count(*) FILTER (WHERE fate = '${f}') AS snp_slots_${f}`).join(', ')}
         FROM (SELECT ${periodStartOf('s.start_at', query.granularity)} AS period, s.departement AS territory, ${SLOT_FATE_SQL} AS fate
                 FROM indicators.slot_fact s
                 LEFT JOIN (SELECT a.slot_id, bool_or(a.cancelled_at IS NULL) AS active
                              FROM indicators.appointment_fact a
                             WHERE a.slot_id IS NOT NULL
                               AND a.start_at >= ($2::date - 1)::timestamp AT TIME ZONE 'Europe/Paris'
                               AND a.start_at < ($3::date + 2)::timestamp AT TIME ZONE 'Europe/Paris'
                             GROUP BY a.slot_id) h ON h.slot_id = s.slot_id
                WHERE s.snp AND s.start_at IS NOT NULL AND ${inRange('s.start_at')}
                  AND ($1::text[] IS NULL OR s.departement = ANY($1::text[])) AND s.departement IS NOT NULL) slots
        GROUP BY slots.period, slots.territory ORDER BY 1, 2`,
      [query.territories ?? null, query.from, query.to],
    );
    return rows.map((r) => {
      const published = Number(r.snp_slots_published);
      const row: UtilisationRow = { period: String(r.period), territory: String(r.territory), snp_slots_published: published };
      for (const fate of SLOT_FATES) row[`snp_slots_${fate}`] = Number(r[`snp_slots_${fate}`]);
      for (const fate of SLOT_FATES)
        row[`share_${fate}`] = published > 0 ? round(Number(r[`snp_slots_${fate}`]) / published) : null;
      return row;
    });
  }
}

/** The figures of a utilisation row, in the CSV's order. */
export const UTILISATION_FIGURES = [
  'snp_slots_published',
  ...SLOT_FATES.map((f) => `snp_slots_${f}`),
  ...SLOT_FATES.map((f) => `share_${f}`),
];
