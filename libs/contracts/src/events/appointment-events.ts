import { Type } from '@sinclair/typebox';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import { ConsultationMode, InseeCommune, Instant, NoShowReason, Uuid } from './common';
import { OwnerId } from './slot-events';

/** What every appointment event repeats so that a consumer can aggregate without joins. */
const AppointmentRef = {
  appointmentId: Uuid,
  slotId: Uuid,
  ownerId: OwnerId,
  practitionerId: Type.Optional(Uuid),
  structureId: Type.Optional(Uuid),
  /** Pseudonymous regulation case id from orientation; never a patient identifier. */
  caseId: Type.Optional(Uuid),
  communeCode: InseeCommune,
  /**
   * Set when the slot lives in an agenda vendor's software: the appointment was booked
   * there and the vendor reported it (ANS flow INT_R03). Added in place; older events lack it.
   */
  vendor: Type.Optional(
    Type.Object(
      {
        id: Type.String({ minLength: 1, maxLength: 64, description: 'the vendor as registered with scheduling' }),
        bookingReference: Type.Optional(
          Type.String({
            pattern: '^[A-Za-z0-9_-]{16,64}$',
            description: 'the opaque hand-over reference the booking carried, when it came from a SAS hand-over',
          }),
        ),
      },
      { description: 'the agenda vendor that booked and reports this appointment' },
    ),
  ),
};

/**
 * Who saw (or was to see) the patient: the practice says so for a structure's slot without a
 * practitioner; otherwise the slot's practitioner. The SAS supplement is paid per performed
 * consultation to this RPPS. Added in place; older events lack it.
 */
const PerformingPractitioner = {
  performingPractitionerRpps: Type.Optional(
    Type.String({ pattern: '^[0-9]{11}$', description: 'RPPS of the practitioner who saw (or was to see) the patient' }),
  ),
};

// Appointment events are keyed by the slot's owner, like slot events, and the two topics
// have the same partition count: an owner's slots and appointments share a partition number.
export const AppointmentBooked = defineEvent({
  name: 'appointment-booked',
  version: 1,
  topic: Topics.appointments,
  producer: 'scheduling',
  keyField: 'ownerId',
  subjectField: 'appointmentId',
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
  keyField: 'ownerId',
  subjectField: 'appointmentId',
  description: 'A booked appointment was cancelled; when slotReleased, the slot is free again (slot-updated follows).',
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
  keyField: 'ownerId',
  subjectField: 'appointmentId',
  description: 'The patient was seen: the practice reported the appointment as honoured.',
  schema: Type.Object({ ...AppointmentRef, ...PerformingPractitioner, reportedAt: Instant }),
});

export const AppointmentNoShow = defineEvent({
  name: 'appointment-no-show',
  version: 1,
  topic: Topics.appointments,
  producer: 'scheduling',
  keyField: 'ownerId',
  subjectField: 'appointmentId',
  description: 'The patient did not come (rendez-vous non honoré), as reported by the practice.',
  schema: Type.Object({
    ...AppointmentRef,
    ...PerformingPractitioner,
    reason: Type.Optional(NoShowReason),
    reportedAt: Instant,
  }),
});

export const AppointmentMoved = defineEvent({
  name: 'appointment-moved',
  version: 1,
  topic: Topics.appointments,
  producer: 'scheduling',
  keyField: 'ownerId',
  subjectField: 'appointmentId',
  description: 'A booked appointment moved to another slot (slotId); the previous slot may be free again.',
  schema: Type.Object({
    ...AppointmentRef,
    previousSlotId: Uuid,
    previousOwnerId: OwnerId,
    start: Instant,
    end: Instant,
    mode: ConsultationMode,
    movedAt: Instant,
    previousSlotReleased: Type.Boolean(),
  }),
});
