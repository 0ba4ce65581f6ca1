import { decide, SlotCommandType, SlotDecision } from './slot-lifecycle';
import { SlotStatus } from './slot.entity';

const now = new Date('2026-11-22T10:00:00Z');
const future = new Date('2026-11-22T11:00:00Z');
const past = new Date('2026-11-22T09:00:00Z');

type When = 'before' | 'after';
/** What a command gives: the new status and the event, or the refusal's code. */
type Expected = [SlotStatus, string | null] | string;

const withdrawn = (reason: string) => `slot-withdrawn/${reason}`;
const STATUSES: SlotStatus[] = ['free', 'booked', 'booked-elsewhere', 'withdrawn', 'expired'];

/**
 * Every command × status × (before | after the slot's start), written out by hand rather
 * than derived from the decider's table, so a change of the rule shows up here.
 */
const EXPECTED: Record<SlotCommandType, Record<SlotStatus, Record<When, Expected>>> = {
  book: {
    free: { before: ['booked', withdrawn('booked')], after: 'slot-expired' },
    booked: { before: 'slot-booked', after: 'slot-booked' },
    'booked-elsewhere': { before: 'slot-booked-elsewhere', after: 'slot-booked-elsewhere' },
    withdrawn: { before: 'slot-withdrawn', after: 'slot-withdrawn' },
    expired: { before: 'slot-expired', after: 'slot-expired' },
  },
  'book-at-vendor': {
    free: { before: ['booked', withdrawn('booked')], after: ['booked', withdrawn('booked')] },
    booked: { before: 'slot-booked', after: 'slot-booked' },
    'booked-elsewhere': { before: ['booked', null], after: ['booked', null] },
    withdrawn: { before: ['booked', null], after: ['booked', null] },
    expired: { before: ['booked', null], after: ['booked', null] },
  },
  'book-elsewhere': {
    free: { before: ['booked-elsewhere', withdrawn('booked-elsewhere')], after: 'slot-expired' },
    booked: { before: 'slot-booked', after: 'slot-booked' },
    'booked-elsewhere': { before: 'slot-booked-elsewhere', after: 'slot-booked-elsewhere' },
    withdrawn: { before: 'slot-withdrawn', after: 'slot-withdrawn' },
    expired: { before: 'slot-expired', after: 'slot-expired' },
  },
  withdraw: {
    free: { before: ['withdrawn', withdrawn('withdrawn')], after: 'slot-expired' },
    booked: { before: 'slot-booked', after: 'slot-booked' },
    'booked-elsewhere': { before: 'slot-booked-elsewhere', after: 'slot-booked-elsewhere' },
    withdrawn: { before: 'slot-withdrawn', after: 'slot-withdrawn' },
    expired: { before: 'slot-expired', after: 'slot-expired' },
  },
  'withdraw-unconfirmed': {
    free: { before: ['withdrawn', withdrawn('vendor-unreachable')], after: 'slot-expired' },
    booked: { before: 'slot-booked', after: 'slot-booked' },
    'booked-elsewhere': { before: 'slot-booked-elsewhere', after: 'slot-booked-elsewhere' },
    withdrawn: { before: 'slot-withdrawn', after: 'slot-withdrawn' },
    expired: { before: 'slot-expired', after: 'slot-expired' },
  },
  expire: {
    free: { before: 'slot-not-started', after: ['expired', withdrawn('expired')] },
    booked: { before: 'slot-booked', after: 'slot-booked' },
    'booked-elsewhere': { before: 'slot-booked-elsewhere', after: 'slot-booked-elsewhere' },
    withdrawn: { before: 'slot-withdrawn', after: 'slot-withdrawn' },
    expired: { before: 'slot-expired', after: 'slot-expired' },
  },
  modify: {
    free: { before: ['free', 'slot-updated'], after: 'slot-expired' },
    booked: { before: 'slot-booked', after: 'slot-booked' },
    'booked-elsewhere': { before: 'slot-booked-elsewhere', after: 'slot-booked-elsewhere' },
    withdrawn: { before: 'slot-withdrawn', after: 'slot-withdrawn' },
    expired: { before: 'slot-expired', after: 'slot-expired' },
  },
  reoffer: {
    free: { before: ['free', 'slot-updated'], after: 'slot-expired' },
    booked: { before: 'slot-booked', after: 'slot-booked' },
    'booked-elsewhere': { before: ['free', 'slot-updated'], after: 'slot-expired' },
    withdrawn: { before: ['free', 'slot-updated'], after: 'slot-expired' },
    expired: { before: 'slot-expired', after: 'slot-expired' },
  },
  release: {
    free: { before: 'slot-free', after: 'slot-free' },
    booked: { before: ['free', 'slot-updated'], after: ['expired', null] },
    'booked-elsewhere': { before: 'slot-booked-elsewhere', after: 'slot-booked-elsewhere' },
    withdrawn: { before: 'slot-withdrawn', after: 'slot-withdrawn' },
    expired: { before: 'slot-expired', after: 'slot-expired' },
  },
  // A single slot given 3 places: only a free one (no booking yet); see the walk-in spec for shared ones.
  resize: {
    free: { before: ['free', 'slot-updated'], after: 'slot-expired' },
    booked: { before: 'slot-booked', after: 'slot-booked' },
    'booked-elsewhere': { before: 'slot-booked-elsewhere', after: 'slot-booked-elsewhere' },
    withdrawn: { before: 'slot-withdrawn', after: 'slot-withdrawn' },
    expired: { before: 'slot-expired', after: 'slot-expired' },
  },
};

function summary(decision: SlotDecision): Expected {
  if (!decision.accepted) return decision.reason;
  const event =
    decision.event && (decision.event.type === 'slot-withdrawn' ? withdrawn(decision.event.reason) : decision.event.type);
  return [decision.status, event];
}

const cases = (Object.keys(EXPECTED) as SlotCommandType[]).flatMap((type) =>
  STATUSES.flatMap((status) =>
    (['before', 'after'] as When[]).map((when) => ({ type, status, when, expected: EXPECTED[type][status][when] })),
  ),
);

describe('decide: every command on every slot status, before and after the slot starts', () => {
  it.each(cases)('$type on a $status slot, $when its start → $expected', ({ type, status, when, expected }) => {
    const startAt = when === 'before' ? future : past;
    // A reoffer is judged on the start the feed gives; the slot's own start here is the other one.
    const command =
      type === 'reoffer'
        ? { type, at: now, start: startAt }
        : type === 'resize'
          ? { type, at: now, capacity: 3 }
          : { type, at: now };
    const state = { status, startAt: type === 'reoffer' ? (when === 'before' ? past : future) : startAt, revision: 7 };
    const decision = decide(command as Parameters<typeof decide>[0], state);
    expect(summary(decision)).toEqual(expected);
    if (decision.accepted) expect(decision.revision).toBe(8);
  });

  it('covers all 10 commands × 5 statuses × 2 timings', () => {
    expect(cases).toHaveLength(100);
  });

  it('treats the very instant of the start as started: no booking at 10:00 of a 10:00 slot', () => {
    expect(decide({ type: 'book', at: now }, { status: 'free', startAt: now, revision: 1 })).toEqual({
      accepted: false,
      reason: 'slot-expired',
    });
    expect(decide({ type: 'expire', at: now }, { status: 'free', startAt: now, revision: 1 })).toMatchObject({
      accepted: true,
      status: 'expired',
    });
  });
});
