import { Type } from '@sinclair/typebox';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import { ConsultationMode, Departement, InseeCommune, Instant, Uuid } from './common';

// Case events leave orientation, the only service allowed to hold patient details:
// they carry a pseudonymous case id and coarse attributes only (no name, NIR, phone,
// exact address, birth date). A contract test enforces the absence of such fields.

export const AGE_BANDS = ['0-1', '2-5', '6-15', '16-25', '26-45', '46-65', '66-75', '76-85', '86+'] as const;
export const AgeBand = Type.Union(AGE_BANDS.map((b) => Type.Literal(b)));

export const ReasonCategory = Type.String({ pattern: '^[a-z0-9-]{2,40}$', description: 'coded reason for the call' });

export const URGENCIES = ['within-2h', 'same-day', 'within-48h'] as const;
export const Urgency = Type.Union(URGENCIES.map((u) => Type.Literal(u)));

/** Why a case ended without a solution: a code, never free text (free text could name the patient). */
export const NoSolutionReason = Type.Union(
  ['no-slot-in-radius', 'no-slot-in-time', 'mode-unavailable', 'patient-declined', 'patient-unreachable', 'other'].map((r) =>
    Type.Literal(r),
  ),
);

/** Orientation outcomes (docs/domain.md): exactly one ends a case, or a re-orientation. */
export const ORIENTATION_OUTCOMES = [
  'medical-advice',
  'teleconsultation',
  'treating-doctor',
  'snp-consultation',
  'sos-medecins',
  'maison-medicale-de-garde',
  'beyond-published-slots',
  'marketplace',
  'pharmacy',
  'other-profession',
  'emergency-department',
  'smur',
  'ambulance',
  'no-solution',
] as const;
export type OrientationOutcomeCode = (typeof ORIENTATION_OUTCOMES)[number];
export const OrientationOutcome = Type.Union(ORIENTATION_OUTCOMES.map((o) => Type.Literal(o)));

const CaseRef = {
  caseId: Uuid,
  territory: Departement,
};

export const CaseOpened = defineEvent({
  name: 'case-opened',
  version: 1,
  topic: Topics.cases,
  producer: 'orientation',
  keyField: 'caseId',
  description: 'A call was taken by a SAS and a regulation case opened.',
  schema: Type.Object({
    ...CaseRef,
    channel: Type.Union([Type.Literal('15'), Type.Literal('116117'), Type.Literal('other')]),
    communeCode: InseeCommune,
    ageBand: AgeBand,
    reasonCategory: ReasonCategory,
    hasTreatingDoctor: Type.Boolean(),
    callReceivedAt: Instant,
  }),
});

export const CaseStepRecorded = defineEvent({
  name: 'case-step-recorded',
  version: 1,
  topic: Topics.cases,
  producer: 'orientation',
  keyField: 'caseId',
  description: 'A step of the regulation chain was recorded on a case (triage, assessment, treating-doctor attempt…).',
  schema: Type.Object({
    ...CaseRef,
    step: Type.String({ pattern: '^[a-z-]{2,40}$', description: 'taken, triage, assessment, treating-doctor-attempt, search' }),
    result: Type.Optional(
      Type.String({
        pattern: '^[a-z0-9-]{2,40}$',
        description: 'coded result of the step (e.g. emergency-regulation, unreachable)',
      }),
    ),
    urgency: Type.Optional(Urgency),
    mode: Type.Optional(ConsultationMode),
    actorRole: Type.Union([
      Type.Literal('call-taker'),
      Type.Literal('gp-regulator'),
      Type.Literal('snp-operator'),
      Type.Literal('supervisor'),
    ]),
    recordedAt: Instant,
  }),
});

export const PatientOriented = defineEvent({
  name: 'patient-oriented',
  version: 1,
  topic: Topics.cases,
  producer: 'orientation',
  keyField: 'caseId',
  description: 'A regulation case reached an orientation outcome (also emitted on every re-orientation).',
  schema: Type.Object({
    ...CaseRef,
    communeCode: InseeCommune,
    ageBand: AgeBand,
    reasonCategory: ReasonCategory,
    urgency: Type.Optional(Urgency),
    mode: Type.Optional(ConsultationMode),
    outcome: OrientationOutcome,
    reorientation: Type.Boolean(),
    callReceivedAt: Instant,
    orientedAt: Instant,
    appointment: Type.Optional(
      Type.Object({ appointmentId: Uuid, slotId: Uuid, practitionerId: Type.Optional(Uuid), start: Instant }),
    ),
    delayMinutes: Type.Optional(
      Type.Integer({ minimum: 0, description: 'from the call to the start of the booked appointment' }),
    ),
    practitionerRpps: Type.Optional(
      Type.String({ pattern: '^[0-9]{11}$', description: 'the professional booked or contacted (RPPS)' }),
    ),
    structureId: Type.Optional(Uuid),
    noSolutionReason: Type.Optional(NoSolutionReason),
    practitioner: Type.Optional(
      Type.Object(
        {
          familyName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
          givenName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
          profession: Type.Optional(Type.String({ minLength: 1, description: 'e.g. general-practitioner, midwife, nurse' })),
          specialties: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { description: 'e.g. SM54' })),
        },
        {
          description:
            "the booked practitioner as scheduling's directory knows them (a professional, not the patient); added in place, older events lack it",
        },
      ),
    ),
    orientedBy: Type.Optional(
      Type.String({
        format: 'uuid',
        description: "the orientation service's account id of the regulator who oriented (never a name)",
      }),
    ),
    preTriage: Type.Optional(
      Type.Object(
        { suggestedOutcome: OrientationOutcome, followed: Type.Boolean() },
        {
          description:
            "the outcome the territory's pre-triage protocol suggested for the case's reason, and whether the regulator chose it; added in place, older events and cases without a suggestion lack it",
        },
      ),
    ),
  }),
});
