import { PayloadOf, SlotPublished } from '@sas/contracts';
import { SlotEntity } from './slot.entity';

/** The full state of a slot as carried by slot-published and slot-updated. */
export function slotStatePayload(slot: SlotEntity): PayloadOf<typeof SlotPublished> {
  return {
    slotId: slot.id,
    practitioner: { system: 'RPPS', value: slot.practitionerRpps },
    profession: slot.profession,
    specialties: slot.specialties,
    place: {
      placeId: slot.placeId,
      communeCode: slot.communeCode,
      ...(slot.latitude !== null && { latitude: slot.latitude }),
      ...(slot.longitude !== null && { longitude: slot.longitude }),
    },
    start: slot.startAt.toISOString(),
    end: slot.endAt.toISOString(),
    visibility: slot.visibility as ('PUBLIC' | 'PRO' | 'SNP')[],
    modes: slot.modes as ('AMB' | 'HH' | 'VR')[],
    appointmentType: slot.appointmentType as 'ROUTINE' | 'WALKIN',
    ...(slot.bookingUrl && { bookingUrl: slot.bookingUrl }),
    acceptsBeyondSlots: slot.acceptsBeyondSlots,
    revision: slot.revision,
  };
}
