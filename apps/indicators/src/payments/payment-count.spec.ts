import { WEEKLY_CAP } from '@sas/contracts';
import { parisLocalToUtc } from '@sas/referentials';
import { countPayments, PerformedConsultation, weeksAround } from './payment-count';

const A = '10000000009';
const B = '10000000017';
let serial = 0;

/** `n` consultations of `rpps` on a local day, from `time`, ten minutes apart. */
function seen(
  rpps: string | null,
  date: string,
  time: string,
  n = 1,
  extra: Partial<PerformedConsultation> = {},
): PerformedConsultation[] {
  const first = parisLocalToUtc(date, time).getTime();
  return Array.from({ length: n }, (_, i) => ({
    appointmentId: `00000000-0000-4000-8000-${String(++serial).padStart(12, '0')}`,
    rpps,
    finess: null,
    start: new Date(first + i * 600_000),
    mode: 'AMB',
    ...extra,
  }));
}

describe('countPayments', () => {
  // December 2026: Tuesday 1st to Thursday 31st; the ISO week of the 1st starts Monday 30 November.
  it.each([
    ['under the cap: every one paid', seen(A, '2026-12-08', '09:00', 5), { honoured: 5, paid: 5 }],
    ['exactly the cap', seen(A, '2026-12-08', '09:00', WEEKLY_CAP), { honoured: 20, paid: 20 }],
    ['one over the cap in a week', seen(A, '2026-12-08', '09:00', WEEKLY_CAP + 1), { honoured: 21, paid: 20 }],
    [
      'the cap is per week: 15 + 15 in two weeks are all paid',
      [...seen(A, '2026-12-10', '09:00', 15), ...seen(A, '2026-12-15', '09:00', 15)],
      { honoured: 30, paid: 30 },
    ],
    [
      'a week straddling the month: 15 on 30 November count towards the cap, December pays 5 of its 10',
      [...seen(A, '2026-11-30', '09:00', 15), ...seen(A, '2026-12-01', '09:00', 10)],
      { honoured: 10, paid: 5 },
    ],
    [
      'the week after the month counts for nothing in it',
      [...seen(A, '2026-12-31', '09:00', 3), ...seen(A, '2027-01-01', '09:00', 30)],
      { honoured: 3, paid: 3 },
    ],
  ])('%s', (_, consultations, expected) => {
    const { rows } = countPayments('2026-12', consultations);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ rpps: A, ...expected, amountEuros: expected.paid * 15 });
  });

  it('pays the first consultations of the week in time order, and splits them by PDSA period', () => {
    // Saturday 12 December: 18 in the morning (not PDSA), then 5 from 14:00 (PDSA); the cap leaves 2 of those 5.
    const rows = countPayments('2026-12', [...seen(A, '2026-12-12', '14:00', 5), ...seen(A, '2026-12-12', '08:00', 18)]).rows;
    expect(rows[0]).toMatchObject({ honoured: 23, paid: 20, paidOutsidePdsa: 18, paidPdsa: 2, amountEuros: 300 });
  });

  it('counts the PDSA periods: evenings, Sundays and holidays', () => {
    const rows = countPayments('2026-12', [
      ...seen(A, '2026-12-07', '20:30'),
      ...seen(A, '2026-12-13', '10:00'),
      ...seen(A, '2026-12-25', '10:00'),
      ...seen(A, '2026-12-07', '10:00'),
    ]).rows;
    expect(rows[0]).toMatchObject({ paid: 4, paidPdsa: 3, paidOutsidePdsa: 1 });
  });

  it('caps each practitioner on their own, across the structures they worked in, with a line per structure', () => {
    const rows = countPayments('2026-12', [
      ...seen(A, '2026-12-08', '08:00', 12, { finess: '750000001' }),
      ...seen(A, '2026-12-09', '08:00', 12),
      ...seen(B, '2026-12-09', '08:00', 4, { finess: '750000001' }),
    ]).rows;
    expect(rows.map((r) => [r.rpps, r.finess, r.honoured, r.paid])).toEqual([
      [A, null, 12, 8],
      [A, '750000001', 12, 12],
      [B, '750000001', 4, 4],
    ]);
  });

  it('gives the video share of the honoured consultations, capped or not', () => {
    const rows = countPayments('2026-12', [
      ...seen(A, '2026-12-08', '09:00', 1, { mode: 'VR' }),
      ...seen(A, '2026-12-08', '10:00', 3, { mode: 'AMB' }),
    ]).rows;
    expect(rows[0]).toMatchObject({ honoured: 4, video: 1, videoShare: 0.25 });
  });

  it('counts consultations with no known practitioner apart, paying nobody for them', () => {
    const count = countPayments('2026-12', [...seen(null, '2026-12-08', '09:00', 2), ...seen(A, '2026-12-08', '09:00')]);
    expect(count.unattributed).toBe(2);
    expect(count.rows.map((r) => r.paid)).toEqual([1]);
  });
});

describe('weeksAround', () => {
  it('spans the ISO weeks that overlap the month, in Paris time', () => {
    expect(weeksAround('2026-12')).toEqual({
      from: new Date('2026-11-29T23:00:00Z'),
      to: new Date('2027-01-03T23:00:00Z'),
    });
    // March 2027 (a change of time on the 28th): Monday 1 March to Monday 5 April.
    expect(weeksAround('2027-03')).toEqual({ from: new Date('2027-02-28T23:00:00Z'), to: new Date('2027-04-04T22:00:00Z') });
  });
});
