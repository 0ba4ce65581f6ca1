import { compare, sumRows, Tally } from './tally';

describe('the simulation’s own counts against the indicators', () => {
  it('counts requests, orientations by outcome, bookings and their fates', () => {
    const tally = new Tally();
    tally.assessed(true);
    tally.call({
      territory: '92',
      outcome: 'snp-consultation',
      booking: {
        appointmentId: 'a',
        start: new Date(),
        owner: { system: 'RPPS', value: '1' },
        origin: '92044',
        destination: '92044',
      },
      otherSlots: [],
    });
    tally.assessed(false);
    tally.call({ territory: '93', outcome: 'medical-advice', otherSlots: [] });
    tally.followUp('no-show');
    expect(Object.fromEntries(tally.counts)).toEqual({
      snp_requests: 1,
      orientations_total: 2,
      orientations_snp_consultation: 1,
      orientations_medical_advice: 1,
      snp_consultations_booked: 1,
      snp_consultations_no_show: 1,
    });
  });

  it('compares against the indicators’ change over the run, summed over territories and days', () => {
    const tally = new Tally();
    tally.assessed(true);
    tally.call({ territory: '92', outcome: 'no-solution', otherSlots: [] });
    const names = tally.names();
    const before = sumRows([{ territory: '92', orientations_total: 5, snp_requests: 2 }], names);
    const after = sumRows(
      [
        { territory: '92', orientations_total: 5, snp_requests: 2 },
        { territory: '93', orientations_total: 1, snp_requests: 1, orientations_no_solution: 1 },
      ],
      names,
    );
    const agreement = compare(tally, before, after);
    expect(agreement.every((a) => a.expected === a.measured)).toBe(true);
    expect(agreement.find((a) => a.name === 'snp_consultations_booked')).toEqual({
      name: 'snp_consultations_booked',
      expected: 0,
      measured: 0,
    });
  });

  it('counts the SNP request of a call that failed after its assessment, and no orientation for it', () => {
    const tally = new Tally();
    tally.assessed(true);
    expect(tally.counts.get('snp_requests')).toBe(1);
    expect(tally.counts.get('orientations_total')).toBeUndefined();
  });
});
