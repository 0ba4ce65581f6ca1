import { AppointmentBooked, AppointmentHonoured, CaseOpened, SlotPublished } from '@sas/contracts';
import { ScriptedEvent, scriptedEvents, uuidOf } from './scripted-week';

/**
 * A few SAS bookings on Monday 16 November 2026 across EPCI (Europe/Paris = UTC+1): patients
 * of Levallois-Perret (92044) seen there and in Clichy (92024), of Melun (77288) seen there
 * and in Paris 12e (75112), of Paris 12e seen there. Levallois, Clichy and Paris are in the
 * Métropole du Grand Paris; Melun in the CA Melun Val de Seine. P1 publishes in Levallois
 * and Clichy: one publisher of the métropole, two of its communes.
 */
export const MGP = '200054781';
export const MELUN = '247700057';

const at = (hour: number, minute = 0) => new Date(Date.UTC(2026, 10, 16, hour - 1, minute)).toISOString();

export function territoriesWeek(): ScriptedEvent[] {
  const { events, emit } = scriptedEvents();
  const P = (n: number) => uuidOf(`od-practitioner-${n}`);
  const bookings: [patient: string, place: string, practitioner: number, honoured: boolean][] = [
    ['92044', '92044', 1, true],
    ['92044', '92024', 1, false],
    ['77288', '77288', 2, true],
    ['77288', '75112', 3, false],
    ['75112', '75112', 3, false],
  ];
  bookings.forEach(([patient, place, practitioner, honoured], i) => {
    const slotId = uuidOf(`od-slot-${i}`);
    const start = at(14 + i);
    emit(
      SlotPublished,
      {
        slotId,
        ownerId: P(practitioner),
        practitionerId: P(practitioner),
        profession: 'general-practitioner',
        specialties: ['SM54'],
        place: { placeId: uuidOf(`od-place-${practitioner}-${place}`), communeCode: place },
        start,
        end: at(14 + i, 20),
        visibility: ['SNP'],
        modes: ['AMB'],
        appointmentType: 'ROUTINE',
        acceptsBeyondSlots: false,
        revision: 1,
      },
      at(8),
    );
    const caseId = uuidOf(`od-case-${i}`);
    emit(
      CaseOpened,
      {
        caseId,
        territory: patient.slice(0, 2),
        channel: '116117',
        communeCode: patient,
        ageBand: '26-45',
        reasonCategory: 'fever',
        hasTreatingDoctor: false,
        callReceivedAt: at(9, i),
      },
      at(9, i),
    );
    const ref = {
      appointmentId: uuidOf(`od-appointment-${i}`),
      slotId,
      ownerId: P(practitioner),
      practitionerId: P(practitioner),
      caseId,
      communeCode: place,
    };
    emit(
      AppointmentBooked,
      { ...ref, start, end: at(14 + i, 20), mode: 'AMB', bookedAt: at(10, i), bookedBy: 'operator-1' },
      at(10, i),
    );
    if (honoured) emit(AppointmentHonoured, { ...ref, reportedAt: at(20) }, at(20));
  });
  return events;
}
