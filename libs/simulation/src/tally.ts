import { CallResult } from './regulation-run';

/** Indicator figures the simulation can predict exactly from what it did. */
export const CHECKED_INDICATORS = [
  'snp_requests',
  'snp_consultations_booked',
  'snp_consultations_honoured',
  'snp_consultations_no_show',
  'snp_consultations_cancelled',
  'orientations_total',
] as const;

/** The simulation's own counts, in the indicators' terms. */
export class Tally {
  readonly counts = new Map<string, number>();

  add(name: string, by = 1): void {
    this.counts.set(name, (this.counts.get(name) ?? 0) + by);
  }

  /** An assessment the service recorded: a consultation needed is an SNP request, whatever becomes of the call. */
  assessed(consultationNeeded: boolean): void {
    if (consultationNeeded) this.add('snp_requests');
  }

  /** A call that reached its orientation. */
  call(result: CallResult): void {
    this.add('orientations_total');
    this.add(`orientations_${result.outcome.replace(/-/g, '_')}`);
    if (result.booking) this.add('snp_consultations_booked');
  }

  followUp(fate: 'cancelled' | 'no-show' | 'honoured'): void {
    this.add(
      fate === 'cancelled'
        ? 'snp_consultations_cancelled'
        : fate === 'no-show'
          ? 'snp_consultations_no_show'
          : 'snp_consultations_honoured',
    );
  }

  /** Every name the comparison covers: the checked ones and every outcome seen. */
  names(): string[] {
    return [...new Set([...CHECKED_INDICATORS, ...this.counts.keys()])].sort();
  }
}

/** Sums each indicator over the rows of an /indicators answer (all territories, all days). */
export function sumRows(rows: Record<string, unknown>[], names: readonly string[]): Map<string, number> {
  const sums = new Map<string, number>(names.map((n) => [n, 0]));
  for (const row of rows) for (const name of names) sums.set(name, sums.get(name)! + (Number(row[name]) || 0));
  return sums;
}

export interface Agreement {
  name: string;
  expected: number;
  measured: number;
}

/** Expected vs measured (after minus before) for each of `names`; agreement when all are equal. */
export function agreements(
  names: readonly string[],
  expected: Map<string, number>,
  before: Map<string, number>,
  after: Map<string, number>,
): Agreement[] {
  return names.map((name) => ({
    name,
    expected: expected.get(name) ?? 0,
    measured: (after.get(name) ?? 0) - (before.get(name) ?? 0),
  }));
}

/** The tally's counts against the indicators' (after minus before), for every name it covers. */
export function compare(tally: Tally, before: Map<string, number>, after: Map<string, number>): Agreement[] {
  return agreements(tally.names(), tally.counts, before, after);
}
