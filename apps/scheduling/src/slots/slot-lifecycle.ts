import type { PayloadOf, SlotWithdrawn } from '@sas/contracts';
import type { SlotStatus } from './slot.entity';

/**
 * The one home of "a slot is booked once": every change of a slot's status is decided
 * here, by a pure function of the command and the slot's current state (no Nest, no SQL).
 * Writers that change one slot call `decide`; bulk SQL writers build their SET and WHERE
 * from `SLOT_TRANSITIONS` (see slot-transitions.ts), so the rule is written once.
 * States, commands and events are explained in docs/slot-lifecycle.md.
 */

export type WithdrawalReason = PayloadOf<typeof SlotWithdrawn>['reason'];

/** What a slot looks like to the decider. */
export interface SlotState {
  status: SlotStatus;
  startAt: Date;
  revision: number;
  /** A walk-in opening taking several patients: how many (null or absent: one booking). */
  capacity?: number | null;
  /** Bookings a walk-in opening holds; 0 for any other slot. */
  taken?: number;
}

/** Every change a writer may ask of a slot, with the instant it is asked at. */
export type SlotCommand =
  /** A regulator books it through the SAS. */
  | { type: 'book'; at: Date }
  /**
   * Its vendor reports a SAS booking made on its own agenda (INT_R03, after a hand-over): the
   * vendor's agenda is the authority, so it applies whatever the last poll said of the slot and
   * whenever the report arrives; only a slot already booked for another appointment refuses.
   */
  | { type: 'book-at-vendor'; at: Date }
  /** Booked outside the SAS: reported by its owner, a vendor's feed (busy) or the vendor's answer before a booking. */
  | { type: 'book-elsewhere'; at: Date }
  /** Taken off the free list by its owner, a deactivated opening rule or a vendor's feed that no longer offers it. */
  | { type: 'withdraw'; at: Date }
  /** Its vendor has not confirmed it for longer than the staleness limit. */
  | { type: 'withdraw-unconfirmed'; at: Date }
  /** Its start has passed while it was free. */
  | { type: 'expire'; at: Date }
  /** Its owner changes what it offers (times, modes…); the new times are checked as input (slot-rules.ts). */
  | { type: 'modify'; at: Date }
  /** A vendor's feed offers it (again, or changed); `start` is the start the feed gives. */
  | { type: 'reoffer'; at: Date; start: Date }
  /** Its booking was cancelled or moved away: free again unless it has started. */
  | { type: 'release'; at: Date }
  /** Its owner changes how many patients a walk-in opening takes (2–500, checked as input). */
  | { type: 'resize'; at: Date; capacity: number };

export type SlotCommandType = SlotCommand['type'];

/** The event a change emits: a slot-withdrawn with its reason, or a slot-updated with the full new state. */
export type SlotChangeEvent = { type: 'slot-withdrawn'; reason: WithdrawalReason } | { type: 'slot-updated' };

/** When, relative to the slot's start, a command applies. */
export type Timing = 'before-start' | 'after-start' | 'any';

export interface SlotTransition {
  from: readonly SlotStatus[];
  timing: Timing;
  to: SlotStatus;
  emits: SlotChangeEvent;
}

/**
 * The table of transitions. A free slot whose start has passed can only expire: no one
 * books, withdraws or modifies it any more (the expiry job takes it off the free list).
 * `release` is the one command whose target depends on time; its entry is the case
 * before the start (after it, the slot expires and emits nothing: it already left the
 * free list when it was booked). `book-at-vendor` emits its withdrawal only for a free slot:
 * one in any other status already left the free list, with its own event.
 */
export const SLOT_TRANSITIONS = {
  book: { from: ['free'], timing: 'before-start', to: 'booked', emits: { type: 'slot-withdrawn', reason: 'booked' } },
  'book-at-vendor': {
    from: ['free', 'booked-elsewhere', 'withdrawn', 'expired'],
    timing: 'any',
    to: 'booked',
    emits: { type: 'slot-withdrawn', reason: 'booked' },
  },
  'book-elsewhere': {
    from: ['free'],
    timing: 'before-start',
    to: 'booked-elsewhere',
    emits: { type: 'slot-withdrawn', reason: 'booked-elsewhere' },
  },
  withdraw: { from: ['free'], timing: 'before-start', to: 'withdrawn', emits: { type: 'slot-withdrawn', reason: 'withdrawn' } },
  'withdraw-unconfirmed': {
    from: ['free'],
    timing: 'before-start',
    to: 'withdrawn',
    emits: { type: 'slot-withdrawn', reason: 'vendor-unreachable' },
  },
  expire: { from: ['free'], timing: 'after-start', to: 'expired', emits: { type: 'slot-withdrawn', reason: 'expired' } },
  modify: { from: ['free'], timing: 'before-start', to: 'free', emits: { type: 'slot-updated' } },
  reoffer: {
    from: ['free', 'withdrawn', 'booked-elsewhere'],
    timing: 'before-start',
    to: 'free',
    emits: { type: 'slot-updated' },
  },
  release: { from: ['booked'], timing: 'any', to: 'free', emits: { type: 'slot-updated' } },
  // Its target depends on the places taken: `booked` when the new capacity is all taken (decideResize).
  resize: { from: ['free', 'booked'], timing: 'before-start', to: 'free', emits: { type: 'slot-updated' } },
} as const satisfies Record<SlotCommandType, SlotTransition>;

/** A new slot: published free, first revision. */
export const NEW_SLOT = { status: 'free', revision: 1, taken: 0 } as const satisfies Pick<
  SlotState,
  'status' | 'revision' | 'taken'
>;

export type SlotDecision =
  | { accepted: true; status: SlotStatus; revision: number; taken: number; event: SlotChangeEvent | null }
  /** `reason` is the stable refusal code answered with a 409 (slot-booked, slot-expired…). */
  | { accepted: false; reason: string };

/** Decides a command on a slot: its new status and revision and the event to emit, or why not. */
export function decide(command: SlotCommand, state: SlotState): SlotDecision {
  if (command.type === 'resize') return decideResize(command, state);
  if (state.capacity && (command.type === 'book' || command.type === 'release')) return decideShared(command, state);
  const transition: SlotTransition = SLOT_TRANSITIONS[command.type];
  // A reoffer is judged on the start the feed gives (the vendor may have moved it); the others on the slot's own.
  const start = 'start' in command ? command.start : state.startAt;
  const started = start.getTime() <= command.at.getTime();
  if (!transition.from.includes(state.status)) return { accepted: false, reason: `slot-${state.status}` };
  if (transition.timing === 'before-start' && started) return { accepted: false, reason: 'slot-expired' };
  if (transition.timing === 'after-start' && !started) return { accepted: false, reason: 'slot-not-started' };
  const revision = state.revision + 1;
  const taken = state.taken ?? 0;
  if (command.type === 'release' && started) return { accepted: true, status: 'expired', revision, taken, event: null };
  if (command.type === 'book-at-vendor' && state.status !== 'free')
    return { accepted: true, status: transition.to, revision, taken, event: null };
  return { accepted: true, status: transition.to, revision, taken, event: transition.emits };
}

/**
 * Booking and release of a walk-in opening that takes `capacity` patients: each booking
 * takes one place and the slot stays free (a slot-updated tells its remaining places)
 * until the last place is taken, when it is booked and leaves the free list like any
 * slot; a release gives one place back. Other commands treat it as any slot.
 */
function decideShared(command: Extract<SlotCommand, { type: 'book' | 'release' }>, state: SlotState): SlotDecision {
  const capacity = state.capacity!;
  const taken = state.taken ?? 0;
  const started = state.startAt.getTime() <= command.at.getTime();
  const revision = state.revision + 1;
  if (command.type === 'book') {
    if (state.status !== 'free') return { accepted: false, reason: `slot-${state.status}` };
    if (started) return { accepted: false, reason: 'slot-expired' };
    if (taken + 1 < capacity)
      return { accepted: true, status: 'free', revision, taken: taken + 1, event: { type: 'slot-updated' } };
    return { accepted: true, status: 'booked', revision, taken: capacity, event: SLOT_TRANSITIONS.book.emits };
  }
  // A release needs a booking to give back: a full slot (booked) or a free one holding some.
  if (taken === 0 || (state.status !== 'booked' && state.status !== 'free'))
    return { accepted: false, reason: `slot-${state.status}` };
  // After its start nothing goes back on the free list: a full slot expires, a free one waits for the expiry job.
  if (started)
    return { accepted: true, status: state.status === 'booked' ? 'expired' : 'free', revision, taken: taken - 1, event: null };
  return { accepted: true, status: 'free', revision, taken: taken - 1, event: { type: 'slot-updated' } };
}

/**
 * A walk-in opening's owner changes its capacity before its start. Raised, a full opening
 * returns to the free list; lowered to the places taken, it leaves it; never below them. A
 * single free slot (no capacity, no booking) may become a shared one; a booked single slot
 * may not (its appointment was not taken as a place).
 */
function decideResize(command: Extract<SlotCommand, { type: 'resize' }>, state: SlotState): SlotDecision {
  const taken = state.taken ?? 0;
  if (state.status !== 'free' && (state.status !== 'booked' || !state.capacity))
    return { accepted: false, reason: `slot-${state.status}` };
  if (state.startAt.getTime() <= command.at.getTime()) return { accepted: false, reason: 'slot-expired' };
  if (command.capacity < taken) return { accepted: false, reason: 'capacity-below-taken' };
  const status = taken === command.capacity ? 'booked' : 'free';
  const revision = state.revision + 1;
  if (status === 'booked')
    return { accepted: true, status, revision, taken, event: state.status === 'booked' ? null : SLOT_TRANSITIONS.book.emits };
  return { accepted: true, status, revision, taken, event: { type: 'slot-updated' } };
}
