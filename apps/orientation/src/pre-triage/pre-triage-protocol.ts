import { ConsultationModeCode, OrientationOutcomeCode, REASON_CATEGORY_CODES } from '@sas/contracts';
import { InvalidInput } from '@sas/platform';

/**
 * The pre-triage protocol: for a call's coded reason, the outcome, urgency and mode a
 * territory suggests. Pure: rules in, suggestion out. The protocol is data (the
 * `pre_triage_rule` table, seeded with defaults, edited by admins per territory).
 */
export type Urgency = 'within-2h' | 'same-day' | 'within-48h';

export interface PreTriageRule {
  reason: string;
  outcome: OrientationOutcomeCode;
  /** Null: no urgent slot is needed (a certificate, a renewal). */
  urgency: Urgency | null;
  mode: ConsultationModeCode | null;
}

/** A rule as stored: for one territory, or for every territory (`DEFAULT_TERRITORY`). */
export type StoredRule = PreTriageRule & { territory: string };

/** A rule as a territory applies it, and whether it is the territory's own or the default. */
export type Suggestion = PreTriageRule & { source: 'territory' | 'default' };

/** The territory whose rules every territory starts from. */
export const DEFAULT_TERRITORY = '*';

/** Outcomes that are not a consultation: they take neither an urgency nor a mode. */
const NO_CONSULTATION: readonly OrientationOutcomeCode[] = ['medical-advice', 'pharmacy'];
/** Outcomes a protocol never suggests: emergencies are triage's decision, "no solution" is a failure, not a plan. */
const NEVER_SUGGESTED: readonly OrientationOutcomeCode[] = ['no-solution', 'smur', 'ambulance', 'emergency-department'];

/** The rule that applies to a reason in a territory: the territory's own, else the default; none means no suggestion. */
export function suggestionFor(rules: readonly StoredRule[], territory: string, reason: string): Suggestion | undefined {
  const own = rules.find((r) => r.territory === territory && r.reason === reason);
  if (own) return { ...ruleOf(own), source: 'territory' };
  const fallback = rules.find((r) => r.territory === DEFAULT_TERRITORY && r.reason === reason);
  return fallback && { ...ruleOf(fallback), source: 'default' };
}

/** A territory's whole protocol, in the order of the reason list; reasons without a rule are left out. */
export function protocolOf(rules: readonly StoredRule[], territory: string): Suggestion[] {
  return REASON_CATEGORY_CODES.flatMap((reason) => suggestionFor(rules, territory, reason) ?? []);
}

/** 400 naming the field for a rule that makes no sense; the reason is checked by the caller's route. */
export function checkRule(rule: Pick<PreTriageRule, 'outcome' | 'urgency' | 'mode'>): void {
  if (NEVER_SUGGESTED.includes(rule.outcome))
    throw InvalidInput.field('outcome', `a pre-triage protocol does not suggest ${rule.outcome}`);
  if (NO_CONSULTATION.includes(rule.outcome)) {
    if (rule.urgency) throw InvalidInput.field('urgency', `${rule.outcome} is not a consultation: it takes no urgency`);
    if (rule.mode) throw InvalidInput.field('mode', `${rule.outcome} is not a consultation: it takes no mode`);
  }
  if (rule.outcome === 'teleconsultation' && rule.mode && rule.mode !== 'VR')
    throw InvalidInput.field('mode', 'a teleconsultation is by video (VR)');
}

/** Whether an orientation followed the suggestion the case got at triage; null when it got none. */
export function followedSuggestion(suggestedOutcome: string | null, outcome: string): boolean | null {
  return suggestedOutcome === null ? null : suggestedOutcome === outcome;
}

function ruleOf({ reason, outcome, urgency, mode }: PreTriageRule): PreTriageRule {
  return { reason, outcome, urgency, mode };
}
