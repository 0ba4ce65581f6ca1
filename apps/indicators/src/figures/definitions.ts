import { ORIENTATION_OUTCOMES, RESPONSE_RATE, SEARCH_WINDOW_HOURS, WEEKLY_CAP } from '@sas/contracts';
import { BREAKDOWN_FIGURE_DEFINITIONS } from '../breakdowns/breakdown-definitions';

export interface IndicatorDefinition {
  name: string;
  formula: string;
  sourceEvents: string[];
  unit: string;
}

const SLOT = ['slot-published', 'slot-updated'];
const APPOINTMENT = [
  'appointment-booked',
  'appointment-moved',
  'appointment-cancelled',
  'appointment-honoured',
  'appointment-no-show',
];

export const OUTCOME_CODES: readonly string[] = ORIENTATION_OUTCOMES;

/** The figures of each row of GET /indicators (its CSV columns, in this order). */
export const FIGURE_DEFINITIONS: IndicatorDefinition[] = [
  {
    name: 'practitioners_publishing_snp',
    formula: 'distinct practitioners (or owning structures) with at least one SNP-visible slot starting in the period',
    sourceEvents: SLOT,
    unit: 'practitioners',
  },
  {
    name: 'snp_slots_published',
    formula: 'slots with SNP visibility (latest revision) starting in the period, whatever became of them',
    sourceEvents: SLOT,
    unit: 'slots',
  },
  { name: 'snp_hours_published', formula: 'sum of (end − start) of those SNP slots', sourceEvents: SLOT, unit: 'hours' },
  {
    name: 'walk_in_slots_published',
    formula: 'slots of type WALKIN (sans rendez-vous) starting in the period',
    sourceEvents: SLOT,
    unit: 'slots',
  },
  {
    name: 'snp_requests',
    formula: 'cases whose latest assessment decided a consultation is needed, by day of the call',
    sourceEvents: ['case-opened', 'case-step-recorded', 'patient-oriented'],
    unit: 'requests',
  },
  {
    name: 'snp_consultations_booked',
    formula: 'appointments booked through the SAS in the period (by booking time)',
    sourceEvents: APPOINTMENT,
    unit: 'appointments',
  },
  {
    name: 'snp_consultations_honoured',
    formula: 'of the appointments booked in the period, those reported honoured',
    sourceEvents: APPOINTMENT,
    unit: 'appointments',
  },
  {
    name: 'snp_consultations_no_show',
    formula: 'of the appointments booked in the period, those reported as no-show',
    sourceEvents: APPOINTMENT,
    unit: 'appointments',
  },
  {
    name: 'snp_consultations_cancelled',
    formula: 'of the appointments booked in the period, those cancelled (and not reported honoured or no-show)',
    sourceEvents: APPOINTMENT,
    unit: 'appointments',
  },
  // The formula is the contract's (RESPONSE_RATE), as is the code that computes it (responseRate).
  {
    name: RESPONSE_RATE.name,
    formula: RESPONSE_RATE.formula,
    sourceEvents: [...APPOINTMENT, 'case-step-recorded'],
    unit: 'ratio',
  },
  {
    name: 'booking_rate',
    formula: 'snp_consultations_booked / snp_requests (null without requests)',
    sourceEvents: [...APPOINTMENT, 'case-step-recorded'],
    unit: 'ratio',
  },
  {
    name: 'no_show_rate',
    formula: 'snp_consultations_no_show / (snp_consultations_honoured + snp_consultations_no_show) (null when none reported)',
    sourceEvents: APPOINTMENT,
    unit: 'ratio',
  },
  {
    name: 'orientations_total',
    formula: 'patient-oriented events in the period (by orientation time), re-orientations included',
    sourceEvents: ['patient-oriented'],
    unit: 'orientations',
  },
  {
    name: 'reorientations',
    formula: 'patient-oriented events in the period that re-orient a case',
    sourceEvents: ['patient-oriented'],
    unit: 'orientations',
  },
  ...OUTCOME_CODES.map((code) => ({
    name: `orientations_${code.replace(/-/g, '_')}`,
    formula: `patient-oriented events in the period with outcome ${code}`,
    sourceEvents: ['patient-oriented'],
    unit: 'orientations',
  })),
  {
    name: 'delay_call_to_appointment_median_minutes',
    formula: 'median of (appointment start − call) over booked orientations, by day of the call',
    sourceEvents: ['patient-oriented'],
    unit: 'minutes',
  },
  {
    name: 'delay_call_to_appointment_p90_minutes',
    formula: '90th percentile (continuous) of the same delays',
    sourceEvents: ['patient-oriented'],
    unit: 'minutes',
  },
  {
    name: 'share_appointments_within_24h',
    formula: 'share of those delays ≤ 24 h',
    sourceEvents: ['patient-oriented'],
    unit: 'ratio',
  },
  {
    name: 'share_appointments_within_48h',
    formula: `share of those delays ≤ ${SEARCH_WINDOW_HOURS} h`,
    sourceEvents: ['patient-oriented'],
    unit: 'ratio',
  },
  {
    name: 'sas_consultations_per_practitioner_week_mean',
    formula:
      'mean over practitioners with any, of SAS appointments not cancelled per ISO week (Europe/Paris) of their start; weeks attributed to the period holding their Monday',
    sourceEvents: APPOINTMENT,
    unit: 'appointments per practitioner-week',
  },
  {
    name: 'sas_consultations_per_practitioner_week_max',
    formula: 'maximum of the same counts',
    sourceEvents: APPOINTMENT,
    unit: 'appointments per practitioner-week',
  },
  {
    name: 'practitioners_at_weekly_cap',
    formula: `practitioner-weeks with ≥ ${WEEKLY_CAP} SAS appointments (the weekly cap of the 15 € supplement)`,
    sourceEvents: APPOINTMENT,
    unit: 'practitioner-weeks',
  },
  {
    name: 'participating_practitioners_per_10k',
    formula: 'practitioners_publishing_snp × 10,000 / population (territory, region or commune groups only)',
    sourceEvents: SLOT,
    unit: 'per 10,000 inhabitants',
  },
  {
    name: 'snp_hours_per_10k',
    formula: 'snp_hours_published × 10,000 / population (territory, region or commune groups only)',
    sourceEvents: SLOT,
    unit: 'hours per 10,000 inhabitants',
  },
];

/** Breakdowns served by an endpoint of their own, as their shape is not a row per period. */
export const BREAKDOWN_DEFINITIONS: (IndicatorDefinition & { endpoint: string })[] = [
  {
    name: 'snp_hours_published_by_weekday_hour',
    formula:
      'snp_hours_published split by ISO weekday (1 = Monday) and hour of the slot start (Europe/Paris), over the whole range; a slot counts whole in the hour it starts, so the cells add up to snp_hours_published',
    sourceEvents: SLOT,
    unit: 'hours',
    endpoint: '/indicators/snp-hours-by-weekday-hour',
  },
];

/** Every indicator the service computes, as served by GET /indicators/definitions. */
export const DEFINITIONS: IndicatorDefinition[] = [
  ...FIGURE_DEFINITIONS,
  ...BREAKDOWN_DEFINITIONS,
  ...BREAKDOWN_FIGURE_DEFINITIONS,
];

export const INDICATOR_NAMES = FIGURE_DEFINITIONS.map((d) => d.name);
