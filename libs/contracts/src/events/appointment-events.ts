import { Type } from '@sinclair/typebox';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import { ConsultationMode, InseeCommune, Instant, Uuid } from './common';

/** What every appointment event repeats so that a consumer can aggregate without joins. */
const AppointmentRef = {
  appointmentId: Uuid,
  slotId: Uuid,
  practitionerId: Type.Optional(Uuid),
  structureId: Type.Optional(Uuid),
  /** Pseudonymous regulation case id from orientation; never a patient identifier. */
  caseId: Type.Optional(Uuid),
  communeCode: InseeCommune,
};

// Appointment events are keyed by slot id: the slot topic uses the same key and
// partition count, so a slot and its appointment live on the same partition number.
export const AppointmentBooked = defineEvent({
  name: 'appointment-booked',
  version: 1,
  topic: Topics.appointments,
  producer: 'scheduling',
  keyField: 'slotId',
  description: 'A slot was booked by a SAS regulator for a regulation case; the slot is no longer free.',
  schema: Type.Object({
    ...AppointmentRef,
    start: Instant,
    end: Instant,
    mode: ConsultationMode,
    bookedAt: Instant,
    bookedBy: Type.Optional(Type.String({ description: 'regulator account id (not a patient identifier)' })),
  }),
});

export const AppointmentCancelled = defineEvent({
  name: 'appointment-cancelled',
  version: 1,
  topic: Topics.appointments,
  producer: 'scheduling',
  keyField: 'slotId',
  description: 'A booked appointment was cancelled; when slotReleased, the slot is free again.',
  schema: Type.Object({
    ...AppointmentRef,
    cancelledAt: Instant,
    cancelledBy: Type.Union([Type.Literal('patient'), Type.Literal('practitioner'), Type.Literal('regulator')]),
    slotReleased: Type.Boolean(),
  }),
});

export const AppointmentHonoured = defineEvent({
  name: 'appointment-honoured',
  version: 1,
  topic: Topics.appointments,
  producer: 'scheduling',
  keyField: 'slotId',
  description: 'The patient was seen: the practice reported the appointment as honoured.',
  schema: Type.Object({ ...AppointmentRef, reportedAt: Instant }),
});

export const AppointmentNoShow = defineEvent({
  name: 'appointment-no-show',
  version: 1,
  topic: Topics.appointments,
  producer: 'scheduling',
  keyField: 'slotId',
  description: 'The patient did not come (rendez-vous non honoré), as reported by the practice.',
  schema: Type.Object({ ...AppointmentRef, reportedAt: Instant }),
});
