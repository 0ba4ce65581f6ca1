import { Type } from '@sinclair/typebox';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import { InseeCommune, Instant, PractitionerIdentifier, Uuid } from './common';
import { OwnerId, Place } from './slot-events';

// Directory events are keyed by the owner of the record (the practitioner, or the structure
// of a structure's place), like slot events: one owner's directory changes stay in order.
// Each carries the record's revision: a consumer that meets them out of order with the slot
// events (another topic) keeps the highest revision, so that a replay gives the same state.

/** The id an admin registers a CPTS with (also the `sas_cpts` claim of its coordinators): 2 to 64 letters, digits, dots, dashes or underscores. */
export const CPTS_ID_PATTERN = '^[a-zA-Z0-9][a-zA-Z0-9._-]{1,63}$';
export const CPTS_ID = new RegExp(CPTS_ID_PATTERN);

export const PlaceUpdated = defineEvent({
  name: 'place-updated',
  version: 1,
  topic: Topics.directory,
  producer: 'scheduling',
  keyField: 'ownerId',
  subjectField: 'placeId',
  description:
    "A place of consultation changed (address, phone numbers, accessibility, languages, sector, third-party payment, home-visit radius, beyond-slots acceptance): its full new state, which applies to the place's future slots at once.",
  schema: Type.Object({
    ownerId: OwnerId,
    placeId: Uuid,
    practitionerId: Type.Optional(Uuid),
    structureId: Type.Optional(Uuid),
    place: Type.Composite([Place, Type.Object({ revision: Type.Integer({ minimum: 1 }) })]),
    updatedAt: Instant,
  }),
});

export const PractitionerUpdated = defineEvent({
  name: 'practitioner-updated',
  version: 1,
  topic: Topics.directory,
  producer: 'scheduling',
  keyField: 'ownerId',
  subjectField: 'practitionerId',
  description: "A practitioner's directory record changed (names, specialties): its full new state.",
  schema: Type.Object({
    ownerId: OwnerId,
    practitionerId: Uuid,
    identifier: Type.Optional(PractitionerIdentifier),
    revision: Type.Integer({ minimum: 1, description: 'increases with every change of the practitioner' }),
    // The professional's own names (not a patient's), as patient-oriented carries them.
    practitioner: Type.Object({
      familyName: Type.Optional(Type.String({ maxLength: 100 })),
      givenName: Type.Optional(Type.String({ maxLength: 100 })),
      profession: Type.String({ minLength: 1 }),
      specialties: Type.Array(Type.String({ minLength: 1 })),
    }),
    updatedAt: Instant,
  }),
});

/**
 * A booked appointment a retirement kept: the practice still receives the patient, or
 * cancels it itself. No patient data: the case id is the pseudonymous one of orientation.
 */
const KeptAppointment = Type.Object({
  appointmentId: Uuid,
  slotId: Uuid,
  ownerId: OwnerId,
  placeId: Uuid,
  caseId: Type.Optional(Uuid),
  start: Instant,
  end: Instant,
});

/** What a retirement did: the free slots it withdrew (each also has its slot-withdrawn) and the bookings it kept. */
const RetirementOutcome = {
  retiredAt: Instant,
  slotsWithdrawn: Type.Integer({ minimum: 0, description: 'future free slots withdrawn (each has its slot-withdrawn event)' }),
  openingRulesStopped: Type.Integer({ minimum: 0 }),
  keptAppointments: Type.Array(KeptAppointment, {
    description: 'future appointments booked through the SAS, kept: the practice is told to receive or cancel them',
  }),
};

export const PlaceRetired = defineEvent({
  name: 'place-retired',
  version: 1,
  topic: Topics.directory,
  producer: 'scheduling',
  keyField: 'ownerId',
  subjectField: 'placeId',
  description:
    'A place of consultation was retired: it takes no new slot, its future free slots were withdrawn and its future SAS appointments kept (listed, for the practice to be told).',
  schema: Type.Object({
    ownerId: OwnerId,
    placeId: Uuid,
    practitionerId: Type.Optional(Uuid),
    structureId: Type.Optional(Uuid),
    revision: Type.Integer({ minimum: 1 }),
    ...RetirementOutcome,
  }),
});

export const PractitionerRetired = defineEvent({
  name: 'practitioner-retired',
  version: 1,
  topic: Topics.directory,
  producer: 'scheduling',
  keyField: 'ownerId',
  subjectField: 'practitionerId',
  description:
    'A practitioner was retired from the directory: no new slot, future free slots withdrawn everywhere they consult, future SAS appointments kept (listed, for the practice to be told).',
  schema: Type.Object({
    ownerId: OwnerId,
    practitionerId: Uuid,
    revision: Type.Integer({ minimum: 1 }),
    ...RetirementOutcome,
  }),
});

export const CptsRegistered = defineEvent({
  name: 'cpts-registered',
  version: 1,
  topic: Topics.directory,
  producer: 'scheduling',
  keyField: 'ownerId',
  subjectField: 'cptsId',
  description:
    'A CPTS was registered or its registration changed: its name and perimeter (the communes it covers), in full. The latest registration replaces the earlier ones; indicators count a CPTS as the sum of its communes.',
  schema: Type.Object({
    // The topic's key field: a CPTS owns its record as a practitioner or a structure owns theirs.
    ownerId: Type.String({ description: 'the CPTS id again, as the key of the directory topic' }),
    cptsId: Type.String({
      pattern: CPTS_ID_PATTERN,
      description: 'the id an admin registered the CPTS with',
    }),
    cptsName: Type.String({ minLength: 1, maxLength: 200, description: 'the name of the organisation (not of a person)' }),
    communes: Type.Array(InseeCommune, {
      maxItems: 2000,
      description: 'INSEE codes of the communes (or arrondissements) it covers',
    }),
    registeredAt: Instant,
  }),
});
