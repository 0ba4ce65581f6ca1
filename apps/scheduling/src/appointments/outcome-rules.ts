import { NoShowReasonCode } from '@sas/contracts';

export type ReportedOutcome = 'honoured' | 'no-show';

/** What the practice says with an outcome, besides which one it is. */
export interface OutcomeDetails {
  performingPractitionerRpps?: string;
  reason?: NoShowReasonCode;
}

/** The slot an outcome is reported on, as far as the rule needs it. */
export interface OutcomeSlot {
  /** The RPPS of the slot's practitioner; null for a structure's slot without one (or a practitioner known by ADELI only). */
  practitionerRpps: string | null;
  hasPractitioner: boolean;
}

export type OutcomeDecision =
  | { accepted: true; performingPractitionerRpps: string | null; reason: NoShowReasonCode | null }
  | { accepted: false; field: 'performingPractitionerRpps' | 'reason'; why: string };

/**
 * Who saw the patient and why they did not come, decided once for the single and the bulk
 * report. The SAS supplement is paid per performed consultation to a practitioner: a
 * structure's slot names none, so the practice must say who saw the patient; on a
 * practitioner's slot it is that practitioner unless the practice names another (a
 * replacement, "remplaçant"). A no-show names nobody who performed anything, so the RPPS
 * is optional there. Only a no-show has a reason.
 */
export function decideOutcome(outcome: ReportedOutcome, details: OutcomeDetails, slot: OutcomeSlot): OutcomeDecision {
  if (details.reason && outcome !== 'no-show') return { accepted: false, field: 'reason', why: 'only a no-show has a reason' };
  const performing = details.performingPractitionerRpps ?? slot.practitionerRpps;
  if (!performing && outcome === 'honoured' && !slot.hasPractitioner)
    return {
      accepted: false,
      field: 'performingPractitionerRpps',
      why: "is required: the appointment is in a structure's slot without a practitioner; say who saw the patient",
    };
  return { accepted: true, performingPractitionerRpps: performing ?? null, reason: details.reason ?? null };
}
