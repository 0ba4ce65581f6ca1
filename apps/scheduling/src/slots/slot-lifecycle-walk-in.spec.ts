import { decide, SlotDecision, SlotState } from './slot-lifecycle';
import { SlotStatus } from './slot.entity';

const now = new Date('2026-11-22T10:00:00Z');
const future = new Date('2026-11-22T11:00:00Z');
const past = new Date('2026-11-22T09:00:00Z');

type When = 'before' | 'after';
/** What a command gives on a walk-in opening: its status, places taken and event, or the refusal's code. */
type Expected = [SlotStatus, number, string | null] | string;
const withdrawn = (reason: string) => `slot-withdrawn/${reason}`;

/** Walk-in openings of 3 places, in each status with some places taken. */
const STATES: Record<string, { status: SlotStatus; taken: number }> = {
  'free, 0 of 3 taken': { status: 'free', taken: 0 },
  'free, 2 of 3 taken': { status: 'free', taken: 2 },
  'booked (full), 3 of 3': { status: 'booked', taken: 3 },
  'withdrawn, 1 of 3': { status: 'withdrawn', taken: 1 },
  'expired, 1 of 3': { status: 'expired', taken: 1 },
};

/** Book and release on a walk-in opening, written out by hand, per state and before/after its start. */
const EXPECTED: Record<'book' | 'release', Record<keyof typeof STATES, Record<When, Expected>>> = {
  book: {
    'free, 0 of 3 taken': { before: ['free', 1, 'slot-updated'], after: 'slot-expired' },
    'free, 2 of 3 taken': { before: ['booked', 3, withdrawn('booked')], after: 'slot-expired' },
    'booked (full), 3 of 3': { before: 'slot-booked', after: 'slot-booked' },
    'withdrawn, 1 of 3': { before: 'slot-withdrawn', after: 'slot-withdrawn' },
    'expired, 1 of 3': { before: 'slot-expired', after: 'slot-expired' },
  },
  release: {
    'free, 0 of 3 taken': { before: 'slot-free', after: 'slot-free' },
    'free, 2 of 3 taken': { before: ['free', 1, 'slot-updated'], after: ['free', 1, null] },
    'booked (full), 3 of 3': { before: ['free', 2, 'slot-updated'], after: ['expired', 2, null] },
    'withdrawn, 1 of 3': { before: 'slot-withdrawn', after: 'slot-withdrawn' },
    'expired, 1 of 3': { before: 'slot-expired', after: 'slot-expired' },
  },
};

function summary(decision: SlotDecision): Expected {
  if (!decision.accepted) return decision.reason;
  const event =
    decision.event && (decision.event.type === 'slot-withdrawn' ? withdrawn(decision.event.reason) : decision.event.type);
  return [decision.status, decision.taken, event];
}

const cases = (['book', 'release'] as const).flatMap((type) =>
  Object.entries(STATES).flatMap(([state, { status, taken }]) =>
    (['before', 'after'] as When[]).map((when) => ({ type, state, status, taken, when, expected: EXPECTED[type][state][when] })),
  ),
);

describe('decide on a walk-in opening with a capacity', () => {
  it.each(cases)('$type on a $state slot, $when its start → $expected', ({ type, status, taken, when, expected }) => {
    const state: SlotState = { status, taken, capacity: 3, startAt: when === 'before' ? future : past, revision: 7 };
    const decision = decide({ type, at: now }, state);
    expect(summary(decision)).toEqual(expected);
    if (decision.accepted) expect(decision.revision).toBe(8);
  });

  it('takes 10 bookings on a capacity of 10 and refuses the 11th', () => {
    let state: SlotState = { status: 'free', taken: 0, capacity: 10, startAt: future, revision: 1 };
    const outcomes = Array.from({ length: 11 }, () => {
      const decision = decide({ type: 'book', at: now }, state);
      if (decision.accepted) state = { ...state, status: decision.status, taken: decision.taken, revision: decision.revision };
      return summary(decision);
    });
    expect(outcomes.slice(0, 9)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => ['free', n, 'slot-updated']));
    expect(outcomes[9]).toEqual(['booked', 10, withdrawn('booked')]);
    expect(outcomes[10]).toBe('slot-booked');
  });

  it('treats every other command as on any slot, keeping the places taken', () => {
    const state: SlotState = { status: 'free', taken: 2, capacity: 3, startAt: future, revision: 1 };
    expect(summary(decide({ type: 'withdraw', at: now }, state))).toEqual(['withdrawn', 2, withdrawn('withdrawn')]);
    expect(summary(decide({ type: 'modify', at: now }, state))).toEqual(['free', 2, 'slot-updated']);
  });
});

/** A walk-in opening of 3 places resized, per state and new capacity, before its start (after it: slot-expired). */
const RESIZED: Record<keyof typeof STATES, Record<2 | 3 | 5, Expected>> = {
  'free, 0 of 3 taken': { 2: ['free', 0, 'slot-updated'], 3: ['free', 0, 'slot-updated'], 5: ['free', 0, 'slot-updated'] },
  'free, 2 of 3 taken': { 2: ['booked', 2, withdrawn('booked')], 3: ['free', 2, 'slot-updated'], 5: ['free', 2, 'slot-updated'] },
  'booked (full), 3 of 3': { 2: 'capacity-below-taken', 3: ['booked', 3, null], 5: ['free', 3, 'slot-updated'] },
  'withdrawn, 1 of 3': { 2: 'slot-withdrawn', 3: 'slot-withdrawn', 5: 'slot-withdrawn' },
  'expired, 1 of 3': { 2: 'slot-expired', 3: 'slot-expired', 5: 'slot-expired' },
};

const resizes = Object.entries(STATES).flatMap(([state, { status, taken }]) =>
  ([2, 3, 5] as const).map((capacity) => ({ state, status, taken, capacity, expected: RESIZED[state][capacity] })),
);

describe('resize a walk-in opening', () => {
  it.each(resizes)('to $capacity places on a $state slot → $expected', ({ status, taken, capacity, expected }) => {
    const state: SlotState = { status, taken, capacity: 3, startAt: future, revision: 7 };
    expect(summary(decide({ type: 'resize', at: now, capacity }, state))).toEqual(expected);
    expect(decide({ type: 'resize', at: now, capacity }, { ...state, startAt: past })).toMatchObject({ accepted: false });
  });
});
