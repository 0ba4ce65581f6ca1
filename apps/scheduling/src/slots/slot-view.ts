import { SlotEntity } from './slot.entity';

/** The slot as the HTTP API shows it. */
export function slotView(slot: SlotEntity) {
  return {
    id: slot.id,
    ownerId: slot.ownerId,
    practitionerId: slot.practitionerId,
    structureId: slot.structureId,
    placeId: slot.placeId,
    start: slot.startAt.toISOString(),
    end: slot.endAt.toISOString(),
    visibility: slot.visibility,
    modes: slot.modes,
    appointmentType: slot.appointmentType,
    specialties: slot.specialties,
    bookingUrl: slot.bookingUrl,
    acceptsBeyondSlots: slot.acceptsBeyondSlots,
    status: slot.status,
    revision: slot.revision,
  };
}
