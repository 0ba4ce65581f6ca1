import { CaseStepRecorded, PatientOriented, PayloadOf } from '@sas/contracts';
import { BookedPractitioner } from '../neighbours/scheduling-client';
import { CaseEntity } from './case.entity';

type Role = PayloadOf<typeof CaseStepRecorded>['actorRole'];

/** case-step-recorded: the step, its coded result and who did it; nothing about the patient. */
export function stepRecorded(
  kase: CaseEntity,
  step: string,
  actorRole: Role,
  at: Date,
  extra: { result?: string } = {},
): PayloadOf<typeof CaseStepRecorded> {
  return {
    caseId: kase.id,
    territory: kase.territory,
    step,
    actorRole,
    recordedAt: at.toISOString(),
    ...(extra.result ? { result: extra.result } : {}),
    ...(kase.urgency ? { urgency: kase.urgency } : {}),
    ...(kase.mode ? { mode: kase.mode } : {}),
  };
}

interface Contacted {
  practitionerRpps?: string | null;
  structureId?: string | null;
  noSolutionReason?: string;
  practitioner?: BookedPractitioner | null;
  orientedBy?: string;
}

/** patient-oriented: the outcome with the coarse attributes BI needs and the delay to the appointment. */
export function patientOriented(
  kase: CaseEntity,
  reorientation: boolean,
  booked?: { appointmentId: string; slotId: string; practitionerId: string | null; start: Date; mode: CaseEntity['mode'] },
  contacted: Contacted = {},
): PayloadOf<typeof PatientOriented> {
  return {
    caseId: kase.id,
    territory: kase.territory,
    communeCode: kase.communeCode,
    ageBand: kase.ageBand as PayloadOf<typeof PatientOriented>['ageBand'],
    reasonCategory: kase.reasonCategory,
    ...(kase.urgency ? { urgency: kase.urgency } : {}),
    ...(booked?.mode ? { mode: booked.mode } : kase.mode ? { mode: kase.mode } : {}),
    outcome: kase.outcome as PayloadOf<typeof PatientOriented>['outcome'],
    reorientation,
    callReceivedAt: kase.callReceivedAt.toISOString(),
    orientedAt: kase.orientedAt!.toISOString(),
    ...(booked
      ? {
          appointment: {
            appointmentId: booked.appointmentId,
            slotId: booked.slotId,
            ...(booked.practitionerId ? { practitionerId: booked.practitionerId } : {}),
            start: booked.start.toISOString(),
          },
          delayMinutes: Math.max(0, Math.round((booked.start.getTime() - kase.callReceivedAt.getTime()) / 60_000)),
        }
      : {}),
    ...(contacted.practitionerRpps ? { practitionerRpps: contacted.practitionerRpps } : {}),
    ...(contacted.structureId ? { structureId: contacted.structureId } : {}),
    ...(contacted.noSolutionReason
      ? { noSolutionReason: contacted.noSolutionReason as PayloadOf<typeof PatientOriented>['noSolutionReason'] }
      : {}),
    ...(contacted.practitioner ? { practitioner: practitionerOf(contacted.practitioner) } : {}),
    ...(contacted.orientedBy ? { orientedBy: contacted.orientedBy } : {}),
    // Coded and aggregated by indicators: how often regulators follow the protocol, never who the patient is.
    ...(kase.suggestedOutcome && kase.followedSuggestion !== null
      ? { preTriage: { suggestedOutcome: kase.suggestedOutcome, followed: kase.followedSuggestion } }
      : {}),
  };
}

/** The booked practitioner's names and codes; a name the directory lacks is left out, not invented. */
function practitionerOf(p: BookedPractitioner): NonNullable<PayloadOf<typeof PatientOriented>['practitioner']> {
  return {
    ...(p.familyName ? { familyName: p.familyName } : {}),
    ...(p.givenName ? { givenName: p.givenName } : {}),
    profession: p.profession,
    ...(p.specialties.length ? { specialties: p.specialties } : {}),
  };
}
