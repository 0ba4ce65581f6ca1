import type { OrientationOutcomeCode } from '@sas/contracts';
import { REGULATOR_FUNCTIONS_FOR } from '@sas/auth';
import { Conflict, InvalidInput } from '@sas/platform';
import type { RegulatorRole } from '../regulators/regulator.entity';

/**
 * The regulation chain as a state machine: which actions each state allows, which roles
 * may take each action, and which outcomes each situation admits. Pure: no I/O.
 */
export type CaseState =
  | 'opened'
  | 'emergency-regulation'
  | 'gp-regulation'
  | 'assessed'
  | 'awaiting-vendor-confirmation'
  | 'oriented'
  | 'reorientation-needed'
  | 'completed';
export type CaseAction = 'triage' | 'assessment' | 'treating-doctor-attempt' | 'search' | 'orientation';

export { ORIENTATION_OUTCOMES as OUTCOMES } from '@sas/contracts';
export type Outcome = OrientationOutcomeCode;

const ACTIONS: Record<CaseState, CaseAction[]> = {
  opened: ['triage'],
  'emergency-regulation': ['orientation'],
  'gp-regulation': ['assessment'],
  assessed: ['assessment', 'treating-doctor-attempt', 'search', 'orientation'],
  // Handed over to a vendor's booking page: the search stays open, and the regulator may
  // orient otherwise (the vendor's booking, if it comes, is then not the case's).
  'awaiting-vendor-confirmation': ['search', 'orientation'],
  // Re-orientation of a final outcome; not while a booked appointment is pending.
  oriented: ['orientation'],
  'reorientation-needed': ['assessment', 'treating-doctor-attempt', 'search', 'orientation'],
  completed: [],
};

/** Every state a case may be in (what a list of cases may be filtered by). */
export const CASE_STATES = Object.keys(ACTIONS) as CaseState[];

export const ROLES_FOR: Record<CaseAction | 'open', readonly RegulatorRole[]> = {
  open: ['call-taker', 'gp-regulator', 'supervisor'],
  triage: ['call-taker', 'gp-regulator', 'supervisor'],
  assessment: ['gp-regulator', 'supervisor'],
  'treating-doctor-attempt': ['snp-operator', 'gp-regulator', 'supervisor'],
  search: REGULATOR_FUNCTIONS_FOR.search,
  orientation: REGULATOR_FUNCTIONS_FOR.book,
};

/** Outcomes open to a case sent to emergency regulation (life-threatening at triage). */
const EMERGENCY_OUTCOMES: readonly Outcome[] = ['emergency-department', 'smur', 'ambulance', 'medical-advice', 'no-solution'];
/** Outcomes that book a published slot: always for an SNP consultation, optionally for the others. */
const SLOT_REQUIRED: readonly Outcome[] = ['snp-consultation'];
const SLOT_ALLOWED: readonly Outcome[] = ['snp-consultation', 'treating-doctor', 'sos-medecins', 'maison-medicale-de-garde'];
/** Outcomes that must name the practitioner or structure contacted. */
const CONTACT_REQUIRED: readonly Outcome[] = ['beyond-published-slots', 'marketplace'];

export interface CaseView {
  state: CaseState;
  hasTreatingDoctor: boolean;
  treatingDoctorTried: boolean;
  consultationNeeded: boolean | null;
  appointmentId: string | null;
}

export function allowedActions(kase: CaseView): CaseAction[] {
  if (kase.state === 'oriented' && kase.appointmentId) return [];
  return ACTIONS[kase.state];
}

/** 409 with the allowed actions when the case's state does not allow this one. */
export function checkTransition(kase: CaseView, action: CaseAction): void {
  const allowed = allowedActions(kase);
  if (allowed.includes(action)) return;
  const why =
    kase.state === 'oriented' && kase.appointmentId ? ' (an appointment is booked: cancel it or wait for its outcome)' : '';
  throw new Conflict('invalid-transition', `a case in state ${kase.state} does not allow ${action}${why}`, {
    state: kase.state,
    allowed,
  });
}

export interface OrientationDecision {
  outcome: Outcome;
  slotId?: string;
  practitionerRpps?: string;
  structureId?: string;
  noSolutionReason?: string;
}

/** 400 for a decision missing what its outcome needs; 409 when the case's situation forbids the outcome. */
export function checkDecision(kase: CaseView, decision: OrientationDecision): void {
  const { outcome } = decision;
  if (SLOT_REQUIRED.includes(outcome) && !decision.slotId)
    throw InvalidInput.field('slotId', `${outcome} books a slot: give its id`);
  if (decision.slotId && !SLOT_ALLOWED.includes(outcome)) {
    throw InvalidInput.field('slotId', `${outcome} does not book a slot; slots are booked for ${SLOT_ALLOWED.join(', ')}`);
  }
  if (CONTACT_REQUIRED.includes(outcome) && !decision.practitionerRpps && !decision.structureId) {
    throw InvalidInput.field('practitionerRpps', `${outcome} records who was contacted: give practitionerRpps or structureId`);
  }
  if (outcome === 'no-solution' && !decision.noSolutionReason?.trim()) {
    throw InvalidInput.field('noSolutionReason', 'a "no solution" outcome requires the reason');
  }
  if (outcome !== 'no-solution' && decision.noSolutionReason) {
    throw InvalidInput.field('noSolutionReason', 'only a "no solution" outcome takes a reason');
  }
  if (kase.state === 'emergency-regulation' && !EMERGENCY_OUTCOMES.includes(outcome)) {
    throw new Conflict('outcome-not-allowed', `a case in emergency regulation ends in ${EMERGENCY_OUTCOMES.join(', ')}`, {
      state: kase.state,
      allowedOutcomes: EMERGENCY_OUTCOMES,
    });
  }
  if (decision.slotId) {
    if (!kase.consultationNeeded) {
      throw new Conflict('no-consultation-decided', 'booking needs an assessment that decided a consultation', {
        state: kase.state,
        allowed: ['assessment'],
      });
    }
    if (outcome === 'snp-consultation' && kase.hasTreatingDoctor && !kase.treatingDoctorTried) {
      throw new Conflict('treating-doctor-not-tried', "the patient's own doctor must be tried before booking another", {
        state: kase.state,
        allowed: ['treating-doctor-attempt'],
      });
    }
  }
}

/** The state a new case starts in. */
export const OPENING_STATE: CaseState = 'opened';

/** A fact that moves a case: a step of the chain, what became of its booked appointment, or of its hand-over to a vendor. */
export type CaseFact =
  StepFact | { type: 'appointment-honoured' | 'appointment-no-show' | 'appointment-cancelled' } | HandOverFact;
type StepFact =
  { type: 'triaged'; lifeThreatening: boolean } | { type: 'assessed' } | { type: 'oriented' } | { type: 'handed-over' };
/**
 * What becomes of a hand-over to a vendor (a slot booked on the vendor's page): the vendor
 * confirmed a booking of `bookedSlotId` (the case last handed over `handedOverSlotId`), or the
 * check found the case still waiting at `at`, handed over at `handedOverAt`, with a limit of `timeoutMs`.
 */
type HandOverFact =
  | { type: 'vendor-confirmed'; handedOverSlotId: string | null; bookedSlotId: string }
  | { type: 'hand-over-timed-out'; handedOverAt: Date | null; timeoutMs: number; at: Date };

/** The state a fact leads to, and whether the case lets go of its appointment. */
export interface CaseChange {
  state: CaseState;
  releasesAppointment: boolean;
}

/** The state of a case handed over to a vendor, waiting for the vendor's confirmation (the time-out job reads it). */
export const AWAITING_VENDOR: CaseState = 'awaiting-vendor-confirmation';

/**
 * The one place where a case's next state, and so its end states, are computed. Steps of
 * the chain are checked by checkTransition before they get here; an appointment's outcome
 * only moves a case that is oriented on it (undefined otherwise: nothing changes).
 * Honoured ends the case (completed); a no-show or a cancellation opens it to
 * re-orientation, without the appointment.
 *
 * A hand-over makes the case wait for the vendor's confirmation, for a limited time, then
 * return to the regulator (re-orientation). A confirmation of the slot last handed over
 * orients the case while it waits, and still after its time-out as long as nobody oriented
 * it otherwise; it never replaces another orientation (undefined: the case stays as it is).
 */
export function nextState(kase: Pick<CaseView, 'state'>, fact: StepFact): CaseChange;
export function nextState(
  kase: Pick<CaseView, 'state'> & { appointmentId?: string | null },
  fact: CaseFact,
): CaseChange | undefined;
export function nextState(
  kase: Pick<CaseView, 'state'> & { appointmentId?: string | null },
  fact: CaseFact,
): CaseChange | undefined {
  switch (fact.type) {
    case 'triaged':
      return { state: fact.lifeThreatening ? 'emergency-regulation' : 'gp-regulation', releasesAppointment: false };
    case 'assessed':
      // A re-assessment during re-orientation keeps the case open to re-orientation.
      return { state: kase.state === 'reorientation-needed' ? 'reorientation-needed' : 'assessed', releasesAppointment: false };
    case 'oriented':
      return { state: 'oriented', releasesAppointment: false };
    case 'handed-over':
      return { state: AWAITING_VENDOR, releasesAppointment: false };
    case 'appointment-honoured':
      return kase.state === 'oriented' ? { state: 'completed', releasesAppointment: false } : undefined;
    case 'appointment-no-show':
    case 'appointment-cancelled':
      return kase.state === 'oriented' ? { state: 'reorientation-needed', releasesAppointment: true } : undefined;
    case 'vendor-confirmed': {
      const waiting = kase.state === AWAITING_VENDOR || kase.state === 'reorientation-needed';
      const attaches = waiting && !kase.appointmentId && fact.handedOverSlotId === fact.bookedSlotId;
      return attaches ? { state: 'oriented', releasesAppointment: false } : undefined;
    }
    case 'hand-over-timed-out': {
      const due = fact.handedOverAt !== null && fact.at.getTime() - fact.handedOverAt.getTime() >= fact.timeoutMs;
      return kase.state === AWAITING_VENDOR && due ? { state: 'reorientation-needed', releasesAppointment: false } : undefined;
    }
  }
}
