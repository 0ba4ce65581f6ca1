import { Booking } from './regulation-run';
import { compareTerritories, TerritoryCounts, TerritoryTally } from './territory-tally';

const booking = (origin: string, destination: string): Booking => ({
  appointmentId: `${origin}-${destination}`,
  start: new Date(),
  owner: { system: 'RPPS', value: '1' },
  origin,
  destination,
});
const none = (): TerritoryCounts => ({ pairs: new Map(), epci: new Map() });

describe('the simulation’s bookings per origin–destination pair and per EPCI', () => {
  it('counts bookings and honoured ones per pair and per EPCI of the patient, and agrees with equal counts', () => {
    const tally = new TerritoryTally();
    const levallois = booking('92044', '92024');
    tally.booked(levallois);
    tally.booked(booking('92044', '92024'));
    tally.booked(booking('77288', '75112'));
    tally.honoured(levallois);
    expect(Object.fromEntries(tally.counts.pairs)).toEqual({
      '92044>92024': { booked: 2, honoured: 1 },
      '77288>75112': { booked: 1, honoured: 0 },
    });
    expect(Object.fromEntries(tally.counts.epci)).toEqual({
      '200054781': { booked: 2, honoured: 1 },
      '247700057': { booked: 1, honoured: 0 },
    });
    const after = { pairs: new Map(tally.counts.pairs), epci: new Map(tally.counts.epci) };
    expect(compareTerritories(tally, none(), after)).toMatchObject({ pairs: 2, bookings: 3, pairsDisagreeing: [], agree: true });
  });

  it('measures the change over the run and names the pairs that differ', () => {
    const tally = new TerritoryTally();
    tally.booked(booking('75112', '75112'));
    const before: TerritoryCounts = { pairs: new Map([['75112>75112', { booked: 4, honoured: 0 }]]), epci: new Map() };
    const after: TerritoryCounts = {
      pairs: new Map([
        ['75112>75112', { booked: 5, honoured: 0 }],
        ['75101>75112', { booked: 1, honoured: 0 }],
      ]),
      epci: new Map([['200054781', { booked: 1, honoured: 0 }]]),
    };
    const comparison = compareTerritories(tally, before, after);
    expect(comparison.agree).toBe(false);
    expect(comparison.pairsDisagreeing).toEqual([
      { key: '75101>75112', expected: { booked: 0, honoured: 0 }, measured: { booked: 1, honoured: 0 } },
    ]);
  });
});
