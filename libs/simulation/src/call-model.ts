import { communeDraw, RegionCommune } from './region-communes';
import { pick, poisson, Random, weighted } from './random';
import { ConsultationModeCode } from '@sas/contracts';

/**
 * Model assumptions for the calls reaching the SAS (not official figures): calls per
 * 10,000 inhabitants per weekday, weekends heavier; over the day, a trough at night and
 * peaks in the morning and early evening.
 */
export const CALLS_PER_10K_PER_DAY = 8;
export const WEEKEND_FACTOR = 1.5;
const HOURLY_WEIGHTS = [
  1.2, 0.9, 0.7, 0.6, 0.5, 0.6, 1.0, 2.0, 4.0, 6.0, 6.5, 6.0, 5.0, 4.5, 4.5, 4.5, 4.8, 5.5, 6.5, 6.8, 6.0, 4.5, 3.0, 2.0,
];
const WEIGHT_SUM = HOURLY_WEIGHTS.reduce((a, b) => a + b, 0);

/** Expected calls in one local hour of a day, for a population. */
export function expectedCalls(population: number, hour: number, weekend: boolean, scale = 1): number {
  const perDay = ((population * CALLS_PER_10K_PER_DAY) / 10_000) * (weekend ? WEEKEND_FACTOR : 1) * scale;
  return (perDay * HOURLY_WEIGHTS[hour]) / WEIGHT_SUM;
}

export type Mode = ConsultationModeCode;
export type Urgency = 'within-2h' | 'same-day' | 'within-48h';

/** Everything a call will turn out to be, drawn when it arrives. */
export interface CallProfile {
  territory: string;
  communeCode: string;
  channel: '15' | '116117' | 'other';
  ageBand: string;
  sex: 'F' | 'M';
  reasonCategory: string;
  hasTreatingDoctor: boolean;
  lifeThreatening: boolean;
  emergencyOutcome: 'emergency-department' | 'smur' | 'ambulance' | 'medical-advice';
  consultationNeeded: boolean;
  adviceOutcome: 'medical-advice' | 'teleconsultation' | 'pharmacy' | 'other-profession';
  urgency: Urgency;
  mode: Mode;
  treatingDoctor: 'reached' | 'unreachable' | 'declined';
  /** Rank (0–2) among the first results the operator picks, for variety. */
  choice: number;
  /** What becomes of a booking: the patient cancels, does not come, or is seen. */
  fate: 'cancelled' | 'no-show' | 'honoured';
  /** Where in the time between booking and appointment a cancellation happens (0–1). */
  cancelAt: number;
}

const AGE_BANDS = { '0-1': 4, '2-5': 8, '6-15': 10, '16-25': 12, '26-45': 24, '46-65': 20, '66-75': 10, '76-85': 8, '86+': 4 };
const REASONS = [
  'fever',
  'cough',
  'abdominal-pain',
  'back-pain',
  'skin-rash',
  'urinary-symptoms',
  'ear-nose-throat',
  'anxiety',
  'minor-injury',
  'headache',
];

/** Draws the calls of a region: where they come from (by population) and how they unfold. */
export function callDraw(communes: readonly RegionCommune[], random: Random): () => CallProfile {
  const where = communeDraw(communes, random);
  return () => {
    const commune = where();
    return {
      territory: commune.departement,
      communeCode: commune.code,
      channel: weighted(random, { '116117': 60, '15': 35, other: 5 }),
      ageBand: weighted(random, AGE_BANDS),
      sex: random() < 0.52 ? 'F' : 'M',
      reasonCategory: pick(random, REASONS),
      hasTreatingDoctor: random() < 0.75,
      lifeThreatening: random() < 0.08,
      emergencyOutcome: weighted(random, { 'emergency-department': 45, smur: 10, ambulance: 35, 'medical-advice': 10 }),
      consultationNeeded: random() < 0.6,
      adviceOutcome: weighted(random, { 'medical-advice': 60, teleconsultation: 10, pharmacy: 20, 'other-profession': 10 }),
      urgency: weighted(random, { 'within-2h': 10, 'same-day': 45, 'within-48h': 45 }),
      mode: weighted(random, { AMB: 85, HH: 6, VR: 9 }),
      treatingDoctor: weighted(random, { reached: 20, unreachable: 60, declined: 20 }),
      choice: Math.floor(random() * 3),
      fate: weighted(random, { cancelled: 6, 'no-show': 6, honoured: 88 }),
      cancelAt: random(),
    };
  };
}

/**
 * The arrival times (ms after `start`) of the calls of a simulated period: a Poisson
 * count per local hour from the daily curve, spread uniformly within the hour.
 */
export function arrivalTimes(
  random: Random,
  population: number,
  start: Date,
  hours: number,
  scale: number,
  localHourAt: (instant: Date) => { hour: number; weekend: boolean },
): number[] {
  const times: number[] = [];
  for (let h = 0; h < hours; h++) {
    const span = Math.min(1, hours - h);
    const { hour, weekend } = localHourAt(new Date(start.getTime() + h * 3600_000));
    const count = poisson(random, expectedCalls(population, hour, weekend, scale) * span);
    for (let i = 0; i < count; i++) times.push((h + random() * span) * 3600_000);
  }
  return times.sort((a, b) => a - b);
}
