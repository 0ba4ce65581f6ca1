import type { IndicatorDefinition } from '../figures/definitions';

const CASES = ['case-opened', 'patient-oriented'];
const APPOINTMENTS = [
  'appointment-booked',
  'appointment-moved',
  'appointment-cancelled',
  'appointment-honoured',
  'appointment-no-show',
];
const SLOTS = ['slot-published', 'slot-updated', 'slot-withdrawn'];
const BREAKDOWNS = '/indicators/breakdowns';
const UTILISATION = '/indicators/slot-utilisation';

const slotFate = (name: string, formula: string): IndicatorDefinition & { endpoint: string } => ({
  name: `snp_slots_${name}`,
  formula: `of the SNP slots starting in the period, those ${formula}`,
  sourceEvents: [...SLOTS, ...APPOINTMENTS],
  unit: 'slots',
  endpoint: UTILISATION,
});

/** The figures of GET /indicators/breakdowns and GET /indicators/slot-utilisation (docs/indicators-breakdowns.md). */
export const BREAKDOWN_FIGURE_DEFINITIONS: (IndicatorDefinition & { endpoint: string })[] = [
  {
    name: 'orientations_total (by dimension)',
    formula:
      'patient-oriented events in the period, by the group asked (channel, reason, age band, urgency, mode, profession booked, PDSA period and hour of the call)',
    sourceEvents: CASES,
    unit: 'orientations',
    endpoint: BREAKDOWNS,
  },
  {
    name: 'orientations_share',
    formula: "the group's orientations_total / the period's orientations_total over every group (same filters)",
    sourceEvents: CASES,
    unit: 'ratio',
    endpoint: BREAKDOWNS,
  },
  {
    name: 'snp_consultations_booked (by dimension)',
    formula:
      'appointments booked in the period (by booking time), by the group asked: the case’s channel, reason and age band, the mode, the slot’s profession, the PDSA period and hour of the appointment’s start; honoured, no-show and cancelled likewise; none by urgency',
    sourceEvents: [...APPOINTMENTS, 'case-opened', 'slot-published'],
    unit: 'appointments',
    endpoint: BREAKDOWNS,
  },
  {
    name: 'snp_consultations_booked_share',
    formula: "the group's snp_consultations_booked / the period's over every group (same filters)",
    sourceEvents: APPOINTMENTS,
    unit: 'ratio',
    endpoint: BREAKDOWNS,
  },
  {
    name: 'snp_slots_published (utilisation)',
    formula: 'slots with SNP visibility (latest revision) starting in the period, by the territory of their place',
    sourceEvents: SLOTS,
    unit: 'slots',
    endpoint: UTILISATION,
  },
  slotFate('booked_via_sas', 'held by a SAS appointment not cancelled (booked, honoured or no-show)'),
  slotFate('booked_elsewhere', 'booked outside the SAS (reported by the practice, or busy in a vendor’s feed)'),
  slotFate('expired', 'still free when they started (lost), or whose SAS booking was cancelled after the start'),
  slotFate('withdrawn', 'taken off by their owner, an opening rule or a vendor (missing from its feed, or unconfirmed)'),
  slotFate('free', 'still free and not started yet'),
  {
    name: 'share_<fate>',
    formula: 'snp_slots_<fate> / snp_slots_published (null without slots)',
    sourceEvents: SLOTS,
    unit: 'ratio',
    endpoint: UTILISATION,
  },
];
