import { Type, TSchema } from '@sinclair/typebox';

/** Shared schema pieces. Formats are checked by the consumers' validator (ajv-formats). */
export const Uuid = Type.String({ format: 'uuid' });
export const Instant = Type.String({ format: 'date-time', description: 'ISO 8601 with offset' });
export const InseeCommune = Type.String({ pattern: '^(\\d{5}|2[AB]\\d{3})$', description: 'INSEE commune code' });
export const Departement = Type.String({
  pattern: '^(\\d{2}|2[AB]|97\\d)$',
  description: 'département code (one SAS per département)',
});

/** Who may see a slot (the guide's meta.security, combinable): anyone, health professionals, regulators only. */
export const VISIBILITIES = ['PUBLIC', 'PRO', 'SNP'] as const;
export type VisibilityCode = (typeof VISIBILITIES)[number];
export const Visibility = Type.Union(VISIBILITIES.map((v) => Type.Literal(v)));

/** Where a consultation takes place (the guide's serviceType, ActEncounterCode): see docs/domain.md. */
export const CONSULTATION_MODES = ['AMB', 'HH', 'VR'] as const;
export type ConsultationModeCode = (typeof CONSULTATION_MODES)[number];
export const ConsultationMode = Type.Union(
  CONSULTATION_MODES.map((m) => Type.Literal(m)),
  { description: 'ActEncounterCode: AMB at the practice, HH at home, VR video' },
);

/** With an appointment, or walk-in (sans rendez-vous). */
export const APPOINTMENT_TYPES = ['ROUTINE', 'WALKIN'] as const;
export type AppointmentTypeCode = (typeof APPOINTMENT_TYPES)[number];
export const AppointmentType = Type.Union(APPOINTMENT_TYPES.map((t) => Type.Literal(t)));

/**
 * Why a SAS appointment was not honoured, as a practice reports it (optional, no-show only).
 * Coded, never free text: it travels in events and indicators.
 */
export const NO_SHOW_REASONS = [
  'no-notice',
  'late-cancellation',
  'arrived-too-late',
  'seen-elsewhere',
  'unreachable',
  'other',
] as const;
export type NoShowReasonCode = (typeof NO_SHOW_REASONS)[number];
export const NoShowReason = Type.Union(
  NO_SHOW_REASONS.map((r) => Type.Literal(r)),
  { description: 'why the patient did not come, as the practice reports it' },
);

/**
 * A patient's health cover, as the SAS needs it to find a place that will see them: ordinary
 * cover (assurance maladie, with or without a complementary), complémentaire santé solidaire
 * (C2S: third-party payment by law, no fee above the tariff), aide médicale de l'État (AME)
 * and no open rights (seen at a PASS or a centre that treats without cover).
 */
export const COVER_STATUSES = ['ordinary', 'c2s', 'ame', 'none'] as const;
export type CoverStatusCode = (typeof COVER_STATUSES)[number];

/**
 * Accessibility, as a patient's need and as what a place offers: the four families of
 * disability the French accessibility register (registre public d'accessibilité) names —
 * motor (wheelchair access), hearing, visual, cognitive. A place's wheelchair access is
 * also its older `wheelchairAccessible` flag.
 */
export const ACCESSIBILITY_NEEDS = ['wheelchair', 'hearing', 'visual', 'cognitive'] as const;
export type AccessibilityNeedCode = (typeof ACCESSIBILITY_NEEDS)[number];
export const AccessibilityNeed = Type.Union(ACCESSIBILITY_NEEDS.map((n) => Type.Literal(n)));

/**
 * The coded reasons for a call (motif de recours). No national SAS list exists: the ANS
 * guide carries every consultation reason as free text, and the national evaluation counts
 * orientations, not reasons. These are the reasons of unscheduled primary care the SAS
 * sees most, plus the administrative requests the Paris SAS action asks to sort out early
 * (certificates, renewals, sick leave); a case's reason is one of them (see
 * docs/equity-and-triage.md). Each code keeps its label in French, the regulators' language.
 */
export const REASON_CATEGORIES = {
  fever: 'Fièvre',
  cough: 'Toux, symptômes respiratoires sans détresse',
  'breathing-difficulty': 'Difficulté respiratoire',
  'chest-pain': 'Douleur thoracique',
  'ear-nose-throat': 'Mal de gorge, douleur d’oreille, sinus',
  'abdominal-pain': 'Douleur abdominale',
  'vomiting-diarrhoea': 'Vomissements, diarrhée',
  'urinary-symptoms': 'Brûlures urinaires',
  'skin-rash': 'Éruption cutanée, problème de peau',
  'back-pain': 'Douleur du dos',
  headache: 'Céphalée',
  'minor-injury': 'Traumatisme léger, plaie',
  'eye-problem': 'Problème oculaire',
  'dental-pain': 'Douleur dentaire',
  anxiety: 'Anxiété, souffrance psychique',
  'medical-certificate': 'Certificat médical',
  'prescription-renewal': 'Renouvellement d’ordonnance',
  'sick-leave': 'Arrêt de travail',
  'test-results': 'Résultats d’examen',
  other: 'Autre motif',
} as const;
export type ReasonCategoryCode = keyof typeof REASON_CATEGORIES;
export const REASON_CATEGORY_CODES = Object.keys(REASON_CATEGORIES) as ReasonCategoryCode[];

export const PractitionerIdentifier = Type.Object({
  system: Type.Union([Type.Literal('RPPS'), Type.Literal('ADELI')]),
  value: Type.String({ pattern: '^\\d{9,11}$' }),
});

export const StructureIdentifier = Type.Object({
  system: Type.Union([Type.Literal('SIRET'), Type.Literal('FINESS')]),
  value: Type.String({ pattern: '^[0-9A-Z]{9,14}$' }),
});

/** A non-empty list without duplicates. */
export function SetOf<T extends TSchema>(item: T) {
  return Type.Array(item, { minItems: 1, uniqueItems: true });
}
