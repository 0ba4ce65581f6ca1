import {
  AppointmentBooked,
  AppointmentCancelled,
  AppointmentHonoured,
  CaseOpened,
  CONSULTATION_MODES,
  ConsultationModeCode,
  PatientOriented,
  PayloadOf,
  SlotPublished,
  SlotUpdated,
  SlotWithdrawn,
} from '@sas/contracts';
import { at, plusMinutes, ScriptedEvent, scriptedEvents, uuidOf } from '../../../../test/support/scripted-week';

/**
 * Hand-written events whose breakdowns and slot fates are known: five calls (four in 92,
 * one in 75) in the week of Monday 9 November 2026 (Paris = UTC+1), nine slots of 92 and
 * one of 75 on 10–11 November, and one SNP slot two days from now (still free).
 */

type Slot = { n: number; territory: '92' | '75'; start: string; profession: string; visibility?: ('SNP' | 'PUBLIC')[] };
const COMMUNE = { '92': '92044', '75': '75056' } as const;

export function breakdownEvents(futureStart: string): ScriptedEvent[] {
  const { events, emit } = scriptedEvents();
  const owner = (n: number) => uuidOf(`bd-practitioner-${n}`);
  const slotId = (n: number) => uuidOf(`bd-slot-${n}`);
  const state = (s: Slot, revision = 1) => ({
    slotId: slotId(s.n),
    ownerId: owner(s.n),
    practitionerId: owner(s.n),
    profession: s.profession,
    specialties: ['SM54'],
    place: { placeId: uuidOf(`bd-place-${s.n}`), communeCode: COMMUNE[s.territory] },
    start: s.start,
    end: plusMinutes(s.start, 20),
    visibility: s.visibility ?? ['SNP' as const],
    modes: [...CONSULTATION_MODES],
    appointmentType: 'ROUTINE' as const,
    acceptsBeyondSlots: false,
    revision,
  });
  const withdraw = (n: number, reason: PayloadOf<typeof SlotWithdrawn>['reason'], revision: number, time: string) =>
    emit(SlotWithdrawn, { slotId: slotId(n), ownerId: owner(n), practitionerId: owner(n), reason, revision }, time);

  const slots: Slot[] = [
    { n: 1, territory: '92', start: at(10, 11), profession: 'nurse' }, // booked via the SAS, honoured
    { n: 2, territory: '92', start: at(10, 11, 20), profession: 'general-practitioner' }, // booked elsewhere
    { n: 3, territory: '92', start: at(10, 11, 40), profession: 'general-practitioner' }, // free past its start: lost
    { n: 4, territory: '92', start: at(10, 12), profession: 'general-practitioner' }, // expired
    { n: 5, territory: '92', start: at(10, 12, 20), profession: 'general-practitioner' }, // withdrawn
    { n: 6, territory: '92', start: at(10, 12, 40), profession: 'nurse' }, // booked, cancelled, free again: lost
    { n: 7, territory: '92', start: at(10, 20, 30), profession: 'general-practitioner' }, // withdrawn by a feed, then booked at the vendor
    { n: 8, territory: '92', start: at(10, 13), profession: 'general-practitioner', visibility: ['PUBLIC'] }, // not SNP
    { n: 9, territory: '75', start: at(11, 10), profession: 'general-practitioner' }, // booked via the SAS
    { n: 10, territory: '92', start: futureStart, profession: 'general-practitioner' }, // still free
  ];
  for (const s of slots) emit(SlotPublished, state(s), at(8, 18));
  withdraw(1, 'booked', 2, at(9, 10, 20));
  withdraw(2, 'booked-elsewhere', 2, at(9, 15));
  withdraw(4, 'expired', 2, at(10, 12, 5));
  withdraw(5, 'withdrawn', 2, at(9, 16));
  withdraw(6, 'booked', 2, at(9, 10, 30));
  emit(SlotUpdated, state(slots[5], 3), at(9, 18));
  withdraw(7, 'withdrawn', 2, at(9, 21, 10));
  withdraw(9, 'booked', 2, at(9, 11, 20));

  type Call = {
    n: number;
    territory: '92' | '75';
    channel: '15' | '116117' | 'other';
    ageBand: PayloadOf<typeof CaseOpened>['ageBand'];
    reasonCategory: string;
    call: string;
    urgency?: 'within-2h' | 'same-day' | 'within-48h';
    mode?: ConsultationModeCode;
    profession?: string;
    slot?: number;
  };
  const calls: Call[] = [
    {
      n: 1,
      territory: '92',
      channel: '116117',
      ageBand: '66-75',
      reasonCategory: 'fever',
      call: at(9, 10),
      urgency: 'same-day',
      mode: 'HH',
      profession: 'nurse',
      slot: 1,
    },
    {
      n: 2,
      territory: '92',
      channel: '15',
      ageBand: '26-45',
      reasonCategory: 'cough',
      call: at(9, 21),
      urgency: 'within-48h',
      mode: 'AMB',
      profession: 'general-practitioner',
      slot: 7,
    },
    { n: 3, territory: '92', channel: '116117', ageBand: '86+', reasonCategory: 'fever', call: at(14, 14) },
    {
      n: 4,
      territory: '75',
      channel: 'other',
      ageBand: '46-65',
      reasonCategory: 'headache',
      call: at(9, 11),
      urgency: 'same-day',
      mode: 'VR',
      profession: 'general-practitioner',
      slot: 9,
    },
    {
      n: 5,
      territory: '92',
      channel: '116117',
      ageBand: '76-85',
      reasonCategory: 'fever',
      call: at(9, 10, 10),
      urgency: 'same-day',
      mode: 'AMB',
      profession: 'nurse',
      slot: 6,
    },
  ];
  for (const c of calls) {
    const caseId = uuidOf(`bd-case-${c.n}`);
    const common = {
      caseId,
      territory: c.territory,
      communeCode: COMMUNE[c.territory],
      ageBand: c.ageBand,
      reasonCategory: c.reasonCategory,
    };
    emit(CaseOpened, { ...common, channel: c.channel, hasTreatingDoctor: false, callReceivedAt: c.call }, c.call);
    const orientedAt = plusMinutes(c.call, 10);
    const slot = c.slot ? slots.find((s) => s.n === c.slot)! : undefined;
    const appointmentId = uuidOf(`bd-appointment-${c.n}`);
    emit(
      PatientOriented,
      {
        ...common,
        ...(c.urgency && { urgency: c.urgency }),
        ...(c.mode && { mode: c.mode }),
        outcome: slot ? 'snp-consultation' : 'medical-advice',
        reorientation: false,
        callReceivedAt: c.call,
        orientedAt,
        ...(slot && {
          appointment: { appointmentId, slotId: slotId(slot.n), practitionerId: owner(slot.n), start: slot.start },
          delayMinutes: Math.round((Date.parse(slot.start) - Date.parse(c.call)) / 60_000),
        }),
        ...(c.profession && { practitioner: { profession: c.profession } }),
      },
      orientedAt,
    );
    if (!slot) continue;
    const ref = {
      appointmentId,
      slotId: slotId(slot.n),
      ownerId: owner(slot.n),
      practitionerId: owner(slot.n),
      caseId,
      communeCode: COMMUNE[slot.territory],
    };
    emit(
      AppointmentBooked,
      { ...ref, start: slot.start, end: plusMinutes(slot.start, 20), mode: c.mode!, bookedAt: orientedAt },
      orientedAt,
    );
    if (c.n === 5)
      emit(AppointmentCancelled, { ...ref, cancelledAt: at(9, 18), cancelledBy: 'patient', slotReleased: true }, at(9, 18));
    if (c.n === 1) emit(AppointmentHonoured, { ...ref, reportedAt: at(10, 12) }, at(10, 12));
  }
  return events;
}
