import { randomUUID } from 'node:crypto';
import { SlotContext } from './slot-events';
import { NEW_SLOT } from './slot-lifecycle';
import { AppointmentType, ConsultationMode, SlotEntity, Visibility } from './slot.entity';

/** What a publisher says about a slot besides its owner, place and times. */
export interface SlotAttributes {
  visibility: Visibility[];
  modes: ConsultationMode[];
  appointmentType?: AppointmentType;
  specialties?: string[];
  bookingUrl?: string;
  acceptsBeyondSlots?: boolean;
  /** Walk-in (WALKIN) openings only: how many patients it takes; 1 is an ordinary slot. */
  capacity?: number;
}

/** A new free slot, first revision; specialties default to the practitioner's. */
export function buildSlot(
  context: SlotContext,
  attributes: SlotAttributes,
  startAt: Date,
  endAt: Date,
  openingRuleId: string | null = null,
): SlotEntity {
  const practitionerId = context.practitioner?.id ?? null;
  const structureId = context.structure?.id ?? null;
  return Object.assign(new SlotEntity(), {
    id: randomUUID(),
    ownerId: (practitionerId ?? structureId)!,
    practitionerId,
    structureId,
    placeId: context.place.id,
    openingRuleId,
    vendor: null,
    externalId: null,
    startAt,
    endAt,
    visibility: attributes.visibility,
    modes: attributes.modes,
    appointmentType: attributes.appointmentType ?? 'ROUTINE',
    specialties: attributes.specialties ?? context.practitioner?.specialties ?? [],
    bookingUrl: attributes.bookingUrl ?? null,
    acceptsBeyondSlots: attributes.acceptsBeyondSlots ?? false,
    capacity: attributes.capacity && attributes.capacity > 1 ? attributes.capacity : null,
    ...NEW_SLOT,
  });
}
