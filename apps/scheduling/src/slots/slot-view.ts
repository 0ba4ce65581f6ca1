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
    // A walk-in opening with a capacity: how many places in all, how many taken.
    ...(slot.capacity !== null && { capacity: slot.capacity, taken: slot.taken }),
    status: slot.status,
    revision: slot.revision,
  };
}
