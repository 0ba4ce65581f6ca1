import { isPdsaPeriod } from '@sas/referentials';
import { Agreement, agreements } from './tally';
import { CallProfile } from './call-model';
import { Booking, CallResult } from './regulation-run';

/** The breakdowns the simulation predicts exactly: orientations by these dimensions (GET /indicators/breakdowns). */
export const CHECKED_DIMENSIONS = ['channel', 'ageBand', 'urgency', 'mode', 'pdsaPeriod'] as const;
/** A group the orientation does not record (no urgency for advice, say): the API's null. */
const NONE = 'none';

/**
 * Slot utilisation the simulation predicts exactly (GET /indicators/slot-utilisation): the SNP
 * slots a SAS booking holds at the end, and those taken outside the SAS. The latter are booked
 * elsewhere and withdrawn together: a slot the public books at an agenda vendor leaves the
 * vendor's free feed, which the pull reads as withdrawn, unless a regulator's booking asks the
 * vendor first and learns it is taken (booked elsewhere); which comes first is a race.
 */
export const CHECKED_UTILISATION = {
  snp_slots_booked_via_sas: ['snp_slots_booked_via_sas'],
  snp_slots_taken_outside_sas: ['snp_slots_booked_elsewhere', 'snp_slots_withdrawn'],
} as const;

/** The simulation's own counts by dimension, and of what became of the SNP slots it touched. */
export class BreakdownTally {
  readonly counts = new Map<string, number>();
  /** Active SAS bookings per SNP slot (a walk-in opening may hold several). */
  private readonly held = new Map<string, number>();
  private takenOutside = 0;

  call(profile: CallProfile, result: CallResult): void {
    const values: Record<(typeof CHECKED_DIMENSIONS)[number], string> = {
      channel: profile.channel,
      ageBand: profile.ageBand,
      urgency: result.urgency ?? NONE,
      mode: result.mode ?? NONE,
      pdsaPeriod: result.callReceivedAt ? (isPdsaPeriod(new Date(result.callReceivedAt)) ? 'in' : 'outside') : NONE,
    };
    for (const [dimension, value] of Object.entries(values)) this.add(`orientations_by_${dimension}.${value}`);
    const slot = result.booking?.snp && result.booking.slotId;
    if (slot) this.held.set(slot, (this.held.get(slot) ?? 0) + 1);
  }

  cancelled(booking: Booking): void {
    if (booking.snp && booking.slotId) this.held.set(booking.slotId, (this.held.get(booking.slotId) ?? 0) - 1);
  }

  bookedElsewhere(visibility: readonly string[] | undefined): void {
    if (visibility?.includes('SNP')) this.takenOutside++;
  }

  expected(): Map<string, number> {
    const expected = new Map(this.counts);
    expected.set('snp_slots_booked_via_sas', [...this.held.values()].filter((n) => n > 0).length);
    expected.set('snp_slots_taken_outside_sas', this.takenOutside);
    return expected;
  }

  private add(name: string): void {
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
  }
}

type Rows = Record<string, unknown>[];

/** The same counts from the API's answers: breakdown rows per dimension, and utilisation rows. */
export function measuredBreakdowns(byDimension: Record<string, Rows>, utilisation: Rows): Map<string, number> {
  const measured = new Map<string, number>();
  const add = (name: string, n: number) => measured.set(name, (measured.get(name) ?? 0) + n);
  for (const [dimension, rows] of Object.entries(byDimension))
    for (const row of rows)
      add(`orientations_by_${dimension}.${String(row[dimension] ?? NONE)}`, Number(row.orientations_total) || 0);
  for (const [name, columns] of Object.entries(CHECKED_UTILISATION))
    for (const row of utilisation) for (const column of columns) add(name, Number(row[column]) || 0);
  return measured;
}

/** Expected vs measured (after minus before) for every name either side knows. */
export function compareBreakdowns(
  expected: Map<string, number>,
  before: Map<string, number>,
  after: Map<string, number>,
): Agreement[] {
  const names = [...new Set([...expected.keys(), ...after.keys()])].sort();
  return agreements(names, expected, before, after).filter((a) => expected.has(a.name) || a.measured !== 0);
}
