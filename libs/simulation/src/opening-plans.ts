import { pick, Random } from './random';
import { ConsultationModeCode } from '@sas/contracts';

/** A recurring opening as the opening-rules API takes it (validFrom is set when publishing). */
export interface RulePlan {
  weekdays: number[];
  periods: { start: string; end: string }[];
  slotMinutes: number;
  visibility: ('PUBLIC' | 'PRO' | 'SNP')[];
  modes: ConsultationModeCode[];
  appointmentType?: 'ROUTINE' | 'WALKIN';
  specialties?: string[];
  bookingUrl?: string;
  acceptsBeyondSlots?: boolean;
  closedOnPublicHolidays: boolean;
}

export interface AgendaOptions {
  slotMinutes: number;
  /** Takes part in the SAS: adds a period of slots dedicated to unscheduled care (SNP). */
  sasParticipant: boolean;
  homeVisits: boolean;
  video: boolean;
  acceptsBeyondSlots: boolean;
  bookingUrl: string;
}

/**
 * A practitioner's week, as a GP practice typically opens: mornings and afternoons on
 * four or five weekdays, often a Saturday morning, slots public and for professionals;
 * SAS participants add a lunchtime or early-evening hour of SNP slots, some at home or
 * by video. Periods never overlap, as scheduling refuses overlapping slots.
 */
export function practitionerAgenda(random: Random, options: AgendaOptions): RulePlan[] {
  const dayOff = random() < 0.6 ? 1 + Math.floor(random() * 5) : 0;
  const weekdays = [1, 2, 3, 4, 5].filter((d) => d !== dayOff);
  const morningStart = pick(random, ['08:00', '08:30', '09:00']);
  const afternoonStart = pick(random, ['14:00', '14:30']);
  const afternoonEnd = pick(random, ['18:00', '18:30', '19:00']);
  const common = {
    slotMinutes: options.slotMinutes,
    bookingUrl: options.bookingUrl,
    closedOnPublicHolidays: true,
    ...(options.acceptsBeyondSlots ? { acceptsBeyondSlots: true } : {}),
  };
  const routineModes: RulePlan['modes'] = options.video && random() < 0.5 ? ['AMB', 'VR'] : ['AMB'];
  const rules: RulePlan[] = [
    {
      ...common,
      weekdays,
      periods: [
        { start: morningStart, end: '12:00' },
        { start: afternoonStart, end: afternoonEnd },
      ],
      visibility: ['PUBLIC', 'PRO'],
      modes: routineModes,
    },
  ];
  if (random() < 0.35)
    rules.push({
      ...common,
      weekdays: [6],
      periods: [{ start: '09:00', end: '12:00' }],
      visibility: ['PUBLIC', 'PRO'],
      modes: ['AMB'],
    });
  if (options.sasParticipant) {
    const snpDays = weekdays.filter(() => random() < 0.75);
    const evening = afternoonEnd !== '19:00' && random() < 0.5;
    const modes: RulePlan['modes'] = ['AMB'];
    if (options.homeVisits) modes.push('HH');
    if (options.video) modes.push('VR');
    rules.push({
      ...common,
      weekdays: snpDays.length ? snpDays : [weekdays[0]],
      periods: [evening ? { start: '19:00', end: '20:00' } : { start: '12:00', end: '13:00' }],
      visibility: random() < 0.7 ? ['SNP'] : ['SNP', 'PRO'],
      modes,
    });
  }
  return rules;
}

/** Evening, weekend and holiday hours of a maison médicale de garde (PDSA). */
export function guardHouseAgenda(): RulePlan[] {
  const shared = {
    slotMinutes: 20,
    visibility: ['SNP', 'PRO'] as RulePlan['visibility'],
    modes: ['AMB'] as RulePlan['modes'],
    specialties: ['SM54'],
    closedOnPublicHolidays: false,
  };
  return [
    { ...shared, weekdays: [1, 2, 3, 4, 5], periods: [{ start: '20:00', end: '23:40' }] },
    { ...shared, weekdays: [6], periods: [{ start: '12:00', end: '23:40' }] },
    { ...shared, weekdays: [7], periods: [{ start: '08:00', end: '23:40' }] },
  ];
}

/** A SOS Médecins site: walk-in consultations every day, and home visits. */
export function sosMedecinsAgenda(): RulePlan[] {
  return [
    {
      weekdays: [1, 2, 3, 4, 5, 6, 7],
      periods: [{ start: '08:00', end: '23:40' }],
      slotMinutes: 20,
      visibility: ['PUBLIC', 'SNP'],
      modes: ['AMB', 'HH'],
      appointmentType: 'WALKIN',
      specialties: ['SM54'],
      closedOnPublicHolidays: false,
    },
  ];
}

/** A CPTS offers shared SNP slots of its members on weekday evenings and Saturday mornings. */
export function cptsAgenda(): RulePlan[] {
  const shared = {
    slotMinutes: 20,
    visibility: ['SNP'] as RulePlan['visibility'],
    modes: ['AMB', 'VR'] as RulePlan['modes'],
    specialties: ['SM54'],
    closedOnPublicHolidays: true,
  };
  return [
    { ...shared, weekdays: [1, 2, 3, 4, 5], periods: [{ start: '18:00', end: '20:00' }] },
    { ...shared, weekdays: [6], periods: [{ start: '09:00', end: '13:00' }] },
  ];
}

/** An MSP or centre de santé: long weekday hours, public, for professionals and SNP. */
export function healthCentreAgenda(random: Random): RulePlan[] {
  return [
    {
      weekdays: [1, 2, 3, 4, 5],
      periods: [
        { start: '08:30', end: '12:30' },
        { start: '13:30', end: pick(random, ['18:30', '19:30']) },
      ],
      slotMinutes: 15,
      visibility: ['PUBLIC', 'PRO', 'SNP'],
      modes: ['AMB', 'VR'],
      specialties: ['SM54'],
      closedOnPublicHolidays: true,
    },
  ];
}
