import {
  AppointmentBooked,
  AppointmentCancelled,
  AppointmentHonoured,
  AppointmentMoved,
  AppointmentNoShow,
  buildEnvelope,
  CaseOpened,
  CaseStepRecorded,
  ConsultationModeCode,
  EventDefinition,
  PatientOriented,
  PayloadOf,
  SlotPublished,
  SlotUpdated,
  SlotWithdrawn,
  toKafkaRecord,
} from '@sas/contracts';
import { createHash } from 'node:crypto';

/**
 * A week of SAS activity (Monday 9 – Sunday 15 November 2026, Europe/Paris = UTC+1) made
 * of hand-written events whose indicator figures are known. Territory 92 (Levallois-Perret)
 * has the demand side; territory 75 holds a practitioner at the weekly cap.
 */

/** A stable UUID from a name, so the scripted week is the same on every run. */
export function uuidOf(name: string): string {
  const h = createHash('sha256').update(name).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** An instant of November 2026 given as Paris time (UTC+1 that month), as an ISO string. */
export const at = (day: number, hour: number, minute = 0) => new Date(Date.UTC(2026, 10, day, hour - 1, minute)).toISOString();
/** An ISO instant `minutes` later. */
export const plusMinutes = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();

export interface ScriptedEvent {
  def: EventDefinition;
  payload: Record<string, unknown>;
  time: string;
}

/** An empty list of scripted events, and `emit` to add one, typed by its definition. */
export function scriptedEvents() {
  const events: ScriptedEvent[] = [];
  const emit = <D extends EventDefinition>(def: D, payload: PayloadOf<D>, time: string) =>
    events.push({ def, payload: payload as Record<string, unknown>, time });
  return { events, emit };
}

export function scriptedWeek(): ScriptedEvent[] {
  const { events, emit } = scriptedEvents();
  const P = (n: number) => uuidOf(`practitioner-${n}`);
  const place = (n: number, communeCode: string) => ({ placeId: uuidOf(`place-${n}`), communeCode });

  const slot = (
    n: number,
    practitioner: number,
    communeCode: string,
    start: string,
    minutes: number,
    visibility: ('SNP' | 'PUBLIC' | 'PRO')[],
    walkIn = false,
    revision = 1,
  ) => ({
    slotId: uuidOf(`slot-${n}`),
    ownerId: P(practitioner),
    practitionerId: P(practitioner),
    profession: 'general-practitioner',
    specialties: ['SM54'],
    place: place(practitioner, communeCode),
    start,
    end: plusMinutes(start, minutes),
    visibility,
    modes: ['AMB'] as ConsultationModeCode[],
    appointmentType: walkIn ? ('WALKIN' as const) : ('ROUTINE' as const),
    acceptsBeyondSlots: false,
    revision,
  });

  // Supply. P1: 10 SNP slots of 20 min on Monday (one later withdrawn: still published).
  for (let i = 0; i < 10; i++) emit(SlotPublished, slot(100 + i, 1, '92044', at(9, 9, i * 20), 20, ['SNP']), at(8, 18));
  emit(
    SlotWithdrawn,
    { slotId: uuidOf('slot-109'), ownerId: P(1), practitionerId: P(1), reason: 'withdrawn', revision: 2 },
    at(8, 19),
  );
  // P2: 5 SNP slots of 30 min on Tuesday, one of them made PUBLIC by an update; 3 walk-in PUBLIC slots.
  for (let i = 0; i < 5; i++) emit(SlotPublished, slot(200 + i, 2, '92044', at(10, 14, i * 30), 30, ['SNP']), at(8, 18));
  emit(SlotUpdated, slot(204, 2, '92044', at(10, 16), 30, ['PUBLIC'], false, 2), at(9, 8));
  for (let i = 0; i < 3; i++) emit(SlotPublished, slot(210 + i, 2, '92044', at(10, 8, i * 15), 15, ['PUBLIC'], true), at(8, 18));
  // P3: 4 PUBLIC routine slots on Wednesday (not SNP, not walk-in).
  for (let i = 0; i < 4; i++)
    emit(SlotPublished, slot(300 + i, 3, '92044', at(11, 10, i * 15), 15, ['PUBLIC', 'PRO']), at(8, 18));
  // P4 in Paris: 6 SNP slots of 15 min on Wednesday.
  for (let i = 0; i < 6; i++) emit(SlotPublished, slot(400 + i, 4, '75056', at(11, 15, i * 15), 15, ['SNP', 'PRO']), at(8, 18));

  // Demand in 92: 8 calls.
  const C = (n: number) => uuidOf(`case-${n}`);
  const calls = [at(9, 8), at(9, 9), at(10, 11), at(10, 12), at(11, 9), at(12, 10), at(13, 17), at(14, 20)];
  calls.forEach((call, i) => {
    emit(
      CaseOpened,
      {
        caseId: C(i + 1),
        territory: '92',
        channel: '116117',
        communeCode: '92044',
        ageBand: '26-45',
        reasonCategory: 'fever',
        hasTreatingDoctor: false,
        callReceivedAt: call,
      },
      call,
    );
  });
  const assess = (n: number, needed: boolean, minutesAfterCall: number) =>
    emit(
      CaseStepRecorded,
      {
        caseId: C(n),
        territory: '92',
        step: 'assessment',
        actorRole: 'gp-regulator',
        recordedAt: plusMinutes(calls[n - 1], minutesAfterCall),
        result: needed ? 'consultation-needed' : 'no-consultation',
      },
      plusMinutes(calls[n - 1], minutesAfterCall),
    );
  for (const n of [1, 2, 3, 4, 5]) assess(n, true, 5);
  assess(6, false, 5); // re-assessed: a consultation is needed after all → a request
  assess(6, true, 15);
  assess(7, false, 5);
  assess(8, true, 5); // re-assessed: no consultation → not a request
  assess(8, false, 15);

  // Bookings of cases 1–5 on P1's slots, and their follow-up.
  const A = (n: number) => uuidOf(`appointment-${n}`);
  const delays = [120, 300, 1500, 2000, 3000];
  const ref = (n: number, practitioner: number, slotN: number, communeCode = '92044') => ({
    appointmentId: A(n),
    slotId: uuidOf(`slot-${slotN}`),
    ownerId: P(practitioner),
    practitionerId: P(practitioner),
    caseId: C(n),
    communeCode,
  });
  for (const n of [1, 2, 3, 4, 5]) {
    const start = plusMinutes(calls[n - 1], delays[n - 1]);
    const bookedAt = plusMinutes(calls[n - 1], 20);
    emit(
      AppointmentBooked,
      { ...ref(n, 1, 100 + n), start, end: plusMinutes(start, 20), mode: 'AMB', bookedAt, bookedBy: 'operator-1' },
      bookedAt,
    );
    emit(
      PatientOriented,
      {
        caseId: C(n),
        territory: '92',
        communeCode: '92044',
        ageBand: '26-45',
        reasonCategory: 'fever',
        urgency: 'within-48h',
        mode: 'AMB',
        outcome: 'snp-consultation',
        reorientation: false,
        callReceivedAt: calls[n - 1],
        orientedAt: bookedAt,
        appointment: { appointmentId: A(n), slotId: uuidOf(`slot-${100 + n}`), practitionerId: P(1), start },
        delayMinutes: delays[n - 1],
        practitionerRpps: '10000000006',
      },
      bookedAt,
    );
  }
  emit(AppointmentHonoured, { ...ref(1, 1, 101), reportedAt: at(14, 12) }, at(14, 12));
  emit(AppointmentHonoured, { ...ref(2, 1, 102), reportedAt: at(14, 12) }, at(14, 12));
  emit(AppointmentNoShow, { ...ref(3, 1, 103), reportedAt: at(14, 12) }, at(14, 12));
  emit(
    AppointmentCancelled,
    { ...ref(4, 1, 104), cancelledAt: at(11, 8), cancelledBy: 'patient', slotReleased: true },
    at(11, 8),
  );
  emit(
    PatientOriented,
    {
      caseId: C(4),
      territory: '92',
      communeCode: '92044',
      ageBand: '26-45',
      reasonCategory: 'fever',
      outcome: 'teleconsultation',
      reorientation: true,
      callReceivedAt: calls[3],
      orientedAt: at(11, 9),
    },
    at(11, 9),
  );
  // Case 5's appointment (Friday with P1) is moved to Thursday with P2.
  const movedStart = at(12, 15);
  emit(
    AppointmentMoved,
    {
      ...ref(5, 2, 205),
      previousSlotId: uuidOf('slot-105'),
      previousOwnerId: P(1),
      start: movedStart,
      end: plusMinutes(movedStart, 30),
      mode: 'AMB',
      movedAt: at(11, 18),
      previousSlotReleased: true,
    },
    at(11, 18),
  );
  emit(AppointmentHonoured, { ...ref(5, 2, 205), reportedAt: at(14, 12) }, at(14, 12));
  const outcome = (n: number, code: 'no-solution' | 'medical-advice' | 'emergency-department', extra = {}) =>
    emit(
      PatientOriented,
      {
        caseId: C(n),
        territory: '92',
        communeCode: '92044',
        ageBand: '26-45',
        reasonCategory: 'fever',
        outcome: code,
        reorientation: false,
        callReceivedAt: calls[n - 1],
        orientedAt: plusMinutes(calls[n - 1], 30),
        ...extra,
      },
      plusMinutes(calls[n - 1], 30),
    );
  outcome(6, 'no-solution', { noSolutionReason: 'no-slot-in-radius' });
  outcome(7, 'medical-advice');
  outcome(8, 'emergency-department');

  // P4 in Paris carries 20 SAS consultations this week, booked without a case: at the cap.
  for (let i = 0; i < 20; i++) {
    const start = at(12, 8, i * 15);
    emit(
      AppointmentBooked,
      {
        appointmentId: A(100 + i),
        slotId: uuidOf(`p4-slot-${i}`),
        ownerId: P(4),
        practitionerId: P(4),
        communeCode: '75056',
        start,
        end: plusMinutes(start, 15),
        mode: 'AMB',
        bookedAt: at(11, 20),
        bookedBy: 'operator-75',
      },
      at(11, 20),
    );
  }
  return events;
}

/** The figures the scripted week must give, per territory, for the week starting Monday 9 November. */
export const EXPECTED_WEEK = {
  '92': {
    practitioners_publishing_snp: 2,
    snp_slots_published: 14,
    snp_hours_published: 5.3333,
    walk_in_slots_published: 3,
    snp_requests: 6,
    snp_consultations_booked: 5,
    snp_consultations_honoured: 3,
    snp_consultations_no_show: 1,
    snp_consultations_cancelled: 1,
    response_rate: 0.5,
    booking_rate: 0.8333,
    no_show_rate: 0.25,
    orientations_total: 9,
    reorientations: 1,
    orientations_snp_consultation: 5,
    orientations_teleconsultation: 1,
    orientations_no_solution: 1,
    orientations_medical_advice: 1,
    orientations_emergency_department: 1,
    orientations_smur: 0,
    delay_call_to_appointment_median_minutes: 1500,
    delay_call_to_appointment_p90_minutes: 2600,
    share_appointments_within_24h: 0.4,
    share_appointments_within_48h: 0.8,
    sas_consultations_per_practitioner_week_mean: 2,
    sas_consultations_per_practitioner_week_max: 3,
    practitioners_at_weekly_cap: 0,
  },
  '75': {
    practitioners_publishing_snp: 1,
    snp_slots_published: 6,
    snp_hours_published: 1.5,
    walk_in_slots_published: 0,
    snp_requests: 0,
    snp_consultations_booked: 20,
    response_rate: null,
    orientations_total: 0,
    delay_call_to_appointment_median_minutes: null,
    sas_consultations_per_practitioner_week_mean: 20,
    sas_consultations_per_practitioner_week_max: 20,
    practitioners_at_weekly_cap: 1,
  },
};

/** Kafka records of the events, each `copies` times, shuffled (seeded) across and within partitions. */
export function asShuffledRecords(events: ScriptedEvent[], copies = 2, seed = 7) {
  const records = events.flatMap((e, i) => {
    const envelope = buildEnvelope(e.def, e.payload as never, {
      source: '/sas/scripted-week',
      id: uuidOf(`event-${i}`),
      time: new Date(e.time),
    });
    const record = toKafkaRecord(envelope);
    return Array.from({ length: copies }, () => ({ topic: e.def.topic, record }));
  });
  let s = seed;
  const random = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let i = records.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [records[i], records[j]] = [records[j], records[i]];
  }
  return records;
}
