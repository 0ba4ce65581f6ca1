import { SAS_CONSULTATION_SUPPLEMENT_EUROS, WEEKLY_CAP } from '@sas/contracts';
import { addDays, isoWeekday, isPdsaPeriod, parisLocalToUtc, utcToParisLocal } from '@sas/referentials';

/** An honoured SAS consultation, as the facts know it. */
export interface PerformedConsultation {
  appointmentId: string;
  /** Who performed it: the outcome's RPPS, else the slot's practitioner's; null when neither is known. */
  rpps: string | null;
  /** The FINESS of the structure whose slot it took place in, when the structure is known by one. */
  finess: string | null;
  start: Date;
  mode: string | null;
}

export interface PaymentRow {
  rpps: string;
  finess: string | null;
  honoured: number;
  paid: number;
  paidPdsa: number;
  paidOutsidePdsa: number;
  amountEuros: number;
  video: number;
  videoShare: number;
}

export interface PaymentCount {
  rows: PaymentRow[];
  /** Honoured consultations of the month with no known RPPS: counted, never paid to anyone. */
  unattributed: number;
}

/** The instants bounding the ISO weeks that overlap a month (YYYY-MM), Paris time: the cap needs whole weeks. */
export function weeksAround(month: string): { from: Date; to: Date } {
  const first = `${month}-01`;
  const next = nextMonth(month);
  const lastDay = addDays(`${next}-01`, -1);
  return {
    from: parisLocalToUtc(mondayOf(first), '00:00'),
    to: parisLocalToUtc(addDays(mondayOf(lastDay), 7), '00:00'),
  };
}

/**
 * A month's payment lines. The cap applies per practitioner (RPPS) and ISO week, in the
 * order the consultations took place: the first WEEKLY_CAP of a week are paid, whichever
 * structure they took place in, and a week that straddles two months pays each month for
 * its own days among them. `consultations` must hold the whole weeks around the month.
 */
export function countPayments(month: string, consultations: PerformedConsultation[]): PaymentCount {
  const ordered = [...consultations].sort(
    (a, b) => a.start.getTime() - b.start.getTime() || a.appointmentId.localeCompare(b.appointmentId),
  );
  const weekCounts = new Map<string, number>();
  const rows = new Map<string, PaymentRow>();
  let unattributed = 0;
  for (const c of ordered) {
    const date = utcToParisLocal(c.start).date;
    const inMonth = date.startsWith(`${month}-`);
    if (!c.rpps) {
      if (inMonth) unattributed++;
      continue;
    }
    const week = `${c.rpps}|${mondayOf(date)}`;
    const rank = (weekCounts.get(week) ?? 0) + 1;
    weekCounts.set(week, rank);
    if (!inMonth) continue;
    const key = `${c.rpps}|${c.finess ?? ''}`;
    let row = rows.get(key);
    if (!row) rows.set(key, (row = emptyRow(c.rpps, c.finess)));
    row.honoured++;
    if (c.mode === 'VR') row.video++;
    if (rank <= WEEKLY_CAP) {
      row.paid++;
      if (isPdsaPeriod(c.start)) row.paidPdsa++;
      else row.paidOutsidePdsa++;
    }
  }
  const lines = [...rows.values()].map((row) => ({
    ...row,
    amountEuros: row.paid * SAS_CONSULTATION_SUPPLEMENT_EUROS,
    videoShare: row.video / row.honoured,
  }));
  lines.sort((a, b) => a.rpps.localeCompare(b.rpps) || (a.finess ?? '').localeCompare(b.finess ?? ''));
  return { rows: lines, unattributed };
}

function emptyRow(rpps: string, finess: string | null): PaymentRow {
  return { rpps, finess, honoured: 0, paid: 0, paidPdsa: 0, paidOutsidePdsa: 0, amountEuros: 0, video: 0, videoShare: 0 };
}

function mondayOf(date: string): string {
  return addDays(date, 1 - isoWeekday(date));
}

function nextMonth(month: string): string {
  const [year, m] = month.split('-').map(Number);
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
}
