import { SlotEntity } from './slot.entity';

/** The slot as the HTTP API shows it. */
export function slotView(slot: SlotEntity) {
  return {
    id: slot.id,
    practitionerRpps: slot.practitionerRpps,
    profession: slot.profession,
    specialties: slot.specialties,
    place: { placeId: slot.placeId, communeCode: slot.communeCode, latitude: slot.latitude, longitude: slot.longitude },
    start: slot.startAt.toISOString(),
    end: slot.endAt.toISOString(),
    visibility: slot.visibility,
    modes: slot.modes,
    appointmentType: slot.appointmentType,
    bookingUrl: slot.bookingUrl,
    acceptsBeyondSlots: slot.acceptsBeyondSlots,
    status: slot.status,
    revision: slot.revision,
  };
}
