import { Type } from '@sinclair/typebox';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import {
  AccessibilityNeed,
  AppointmentType,
  ConsultationMode,
  InseeCommune,
  Instant,
  PractitionerIdentifier,
  SetOf,
  StructureIdentifier,
  Uuid,
  Visibility,
} from './common';

/** A phone number of a practice (never a patient's): digits, spaces, dots, an optional leading +. */
export const PRACTICE_PHONE_PATTERN = '^\\+?[0-9][0-9 .]{5,22}[0-9]$';
export const PracticePhone = Type.String({ pattern: PRACTICE_PHONE_PATTERN });

/**
 * Where the consultation takes place, as matching needs it to rank, filter and answer:
 * the practice's address and phone numbers are the practice's, not the patient's (a
 * regulator calls them). `revision` and the fields after it were added in place: older
 * events lack them, and a consumer takes the place of the highest revision it has seen.
 */
export const Place = Type.Object({
  placeId: Uuid,
  communeCode: InseeCommune,
  latitude: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
  longitude: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
  homeVisitRadiusKm: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
  wheelchairAccessible: Type.Optional(Type.Boolean()),
  conventionSector: Type.Optional(Type.Union([Type.Literal('1'), Type.Literal('2'), Type.Literal('3')])),
  thirdPartyPayment: Type.Optional(Type.Boolean()),
  languages: Type.Optional(Type.Array(Type.String({ pattern: '^[a-z]{2,3}$' }))),
  /** Sees patients under AME or without open rights (a PASS, a centre de santé with that mission). */
  treatsWithoutCover: Type.Optional(Type.Boolean()),
  /** Calls on a professional interpreter (telephone interpreting) for a language it does not speak. */
  interpreting: Type.Optional(Type.Boolean()),
  /** What the place is equipped for, beyond `wheelchairAccessible` (which a `wheelchair` code here also means). */
  accessibility: Type.Optional(Type.Array(AccessibilityNeed, { uniqueItems: true })),
  revision: Type.Optional(Type.Integer({ minimum: 1, description: 'increases with every change of the place' })),
  name: Type.Optional(Type.String({ maxLength: 200 })),
  addressLine: Type.Optional(Type.String({ maxLength: 200 })),
  postalCode: Type.Optional(Type.String({ pattern: '^\\d{5}$' })),
  city: Type.Optional(Type.String({ maxLength: 100 })),
  phone: Type.Optional(PracticePhone),
  regulatorPhone: Type.Optional(PracticePhone),
  acceptsBeyondSlots: Type.Optional(
    Type.Boolean({ description: "set by the place's owner: overrides what its slots say about patients beyond them" }),
  ),
});

/**
 * The practitioner, or the structure for a slot shared by a structure, that owns the
 * slot: the partition key of slot and appointment events, so that one owner's changes
 * stay in order (and overlapping slots of one practitioner are judged in order).
 */
export const OwnerId = Type.String({ format: 'uuid', description: 'owning practitioner or structure id' });

/** Why a slot left the free list. */
export const WithdrawalReason = Type.Union([
  Type.Literal('booked'),
  Type.Literal('booked-elsewhere'),
  Type.Literal('withdrawn'),
  Type.Literal('expired'),
  // An agenda vendor could not confirm it for longer than the staleness limit; it comes back
  // (slot-updated) when the vendor answers again.
  Type.Literal('vendor-unreachable'),
]);

/**
 * Bounds of a slot's free text, applied where slots enter (the API's DTOs and the vendor
 * Bundle parser): an unbounded list once let one request write a 200 kB slot event, and an
 * event over the broker's message limit blocked the outbox. The event schema stays looser
 * so that events already on the topics still replay.
 */
export const SLOT_TEXT_LIMITS = {
  /** Specialties of a slot or a practitioner. */
  specialties: 20,
  /** Characters of one specialty (an ordinal code such as SM54, or free text). */
  specialtyLength: 100,
  /** Characters of a booking URL. */
  bookingUrlLength: 2000,
} as const;

/** Full state of a free slot (event-carried state transfer: consumers need no call back). */
const SlotState = {
  slotId: Uuid,
  ownerId: OwnerId,
  practitionerId: Type.Optional(Uuid),
  practitioner: Type.Optional(PractitionerIdentifier),
  structureId: Type.Optional(Uuid),
  structure: Type.Optional(StructureIdentifier),
  profession: Type.String({ minLength: 1, description: 'e.g. general-practitioner, midwife, nurse' }),
  specialties: Type.Array(Type.String({ minLength: 1 }), { description: 'ordinal codes such as SM54, or free text' }),
  place: Place,
  start: Instant,
  end: Instant,
  visibility: SetOf(Visibility),
  modes: SetOf(ConsultationMode),
  appointmentType: AppointmentType,
  bookingUrl: Type.Optional(Type.String({ format: 'uri' })),
  acceptsBeyondSlots: Type.Boolean({ description: 'accepts SAS patients beyond published slots (surnuméraire)' }),
  capacity: Type.Optional(
    Type.Integer({ minimum: 2, description: 'a walk-in opening (WALKIN) taking several patients: how many in all' }),
  ),
  remainingCapacity: Type.Optional(
    Type.Integer({
      minimum: 1,
      description: 'places left in a walk-in opening with a capacity; when none is left it is withdrawn (booked)',
    }),
  ),
  revision: Type.Integer({
    minimum: 1,
    description: 'increases with every change of the slot; consumers ignore older revisions',
  }),
};

export const SlotPublished = defineEvent({
  name: 'slot-published',
  version: 1,
  topic: Topics.slots,
  producer: 'scheduling',
  keyField: 'ownerId',
  subjectField: 'slotId',
  description: 'A free slot was published by a practice, a structure or an agenda vendor.',
  schema: Type.Object(SlotState),
});

export const SlotUpdated = defineEvent({
  name: 'slot-updated',
  version: 1,
  topic: Topics.slots,
  producer: 'scheduling',
  keyField: 'ownerId',
  subjectField: 'slotId',
  description: 'A slot changed or became free again (after a cancellation); carries the full new state.',
  schema: Type.Object(SlotState),
});

export const SlotWithdrawn = defineEvent({
  name: 'slot-withdrawn',
  version: 1,
  topic: Topics.slots,
  producer: 'scheduling',
  keyField: 'ownerId',
  subjectField: 'slotId',
  description:
    'A slot left the free list: booked through the SAS, booked elsewhere, withdrawn by its owner or a vendor feed, or expired.',
  schema: Type.Object({
    slotId: Uuid,
    ownerId: OwnerId,
    practitionerId: Type.Optional(Uuid),
    reason: WithdrawalReason,
    revision: Type.Integer({ minimum: 1 }),
  }),
});
