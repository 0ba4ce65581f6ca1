import { CallProfile } from './call-model';
import { BreakdownTally, compareBreakdowns, measuredBreakdowns } from './breakdown-tally';

const profile = (over: Partial<CallProfile>) => ({ channel: '116117', ageBand: '66-75', ...over }) as CallProfile;
const owner = { system: 'RPPS', value: '10000000009' };

describe('the simulation’s own breakdowns and slot utilisation against the indicators', () => {
  it('counts orientations by dimension, and the SNP slots held by a SAS booking at the end', () => {
    const tally = new BreakdownTally();
    // Tuesday 10 November 2026, 10:00 and 21:00 in Paris: outside and in the PDSA.
    const booked = {
      appointmentId: 'a',
      start: new Date(),
      owner,
      slotId: 's1',
      snp: true,
      origin: '92044',
      destination: '92044',
    };
    tally.call(profile({}), {
      territory: '92',
      outcome: 'snp-consultation',
      otherSlots: [],
      callReceivedAt: '2026-11-10T09:00:00Z',
      urgency: 'same-day',
      mode: 'HH',
      booking: booked,
    });
    tally.call(profile({ channel: '15', ageBand: '26-45' }), {
      territory: '92',
      outcome: 'snp-consultation',
      otherSlots: [],
      callReceivedAt: '2026-11-10T20:00:00Z',
      urgency: 'same-day',
      mode: 'AMB',
      booking: { ...booked, appointmentId: 'b', slotId: 's2' },
    });
    tally.call(profile({}), {
      territory: '92',
      outcome: 'medical-advice',
      otherSlots: [],
      callReceivedAt: '2026-11-10T09:00:00Z',
    });
    tally.cancelled({ ...booked, appointmentId: 'b', slotId: 's2' });
    tally.bookedElsewhere(['SNP', 'PRO']);
    tally.bookedElsewhere(['PUBLIC']);
    expect(Object.fromEntries(tally.expected())).toEqual({
      'orientations_by_channel.116117': 2,
      'orientations_by_channel.15': 1,
      'orientations_by_ageBand.66-75': 2,
      'orientations_by_ageBand.26-45': 1,
      'orientations_by_urgency.same-day': 2,
      'orientations_by_urgency.none': 1,
      'orientations_by_mode.HH': 1,
      'orientations_by_mode.AMB': 1,
      'orientations_by_mode.none': 1,
      'orientations_by_pdsaPeriod.outside': 2,
      'orientations_by_pdsaPeriod.in': 1,
      snp_slots_booked_via_sas: 1,
      snp_slots_taken_outside_sas: 1,
    });
  });

  it('reads the API’s rows in the same names, null groups as none, and reports a group measured but not expected', () => {
    const measured = measuredBreakdowns(
      {
        mode: [
          { mode: 'HH', orientations_total: 2 },
          { mode: null, orientations_total: 1 },
        ],
      },
      [{ snp_slots_booked_via_sas: 3, snp_slots_booked_elsewhere: 1, snp_slots_withdrawn: 2 }],
    );
    expect(Object.fromEntries(measured)).toEqual({
      'orientations_by_mode.HH': 2,
      'orientations_by_mode.none': 1,
      snp_slots_booked_via_sas: 3,
      snp_slots_taken_outside_sas: 3,
    });
    const agreement = compareBreakdowns(
      new Map([['orientations_by_mode.HH', 1]]),
      new Map([['orientations_by_mode.HH', 1]]),
      measured,
    );
    expect(agreement).toEqual([
      { name: 'orientations_by_mode.HH', expected: 1, measured: 1 },
      { name: 'orientations_by_mode.none', expected: 0, measured: 1 },
      { name: 'snp_slots_booked_via_sas', expected: 0, measured: 3 },
      { name: 'snp_slots_taken_outside_sas', expected: 0, measured: 3 },
    ]);
  });
});
