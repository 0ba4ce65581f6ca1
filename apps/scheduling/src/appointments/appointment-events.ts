import { AppointmentBooked, dropUndefined, PayloadOf } from '@sas/contracts';
import { PlaceEntity } from '../directory/place.entity';
import { SlotEntity } from '../slots/slot.entity';
import { AppointmentEntity } from './appointment.entity';

/** The fields every appointment event repeats. */
export function appointmentRef(appointment: AppointmentEntity, slot: SlotEntity, place: PlaceEntity) {
  return dropUndefined({
    appointmentId: appointment.id,
    slotId: slot.id,
    ownerId: slot.ownerId,
    practitionerId: slot.practitionerId ?? undefined,
    structureId: slot.structureId ?? undefined,
    caseId: appointment.caseId ?? undefined,
    communeCode: place.communeCode,
  }) as Pick<PayloadOf<typeof AppointmentBooked>, 'appointmentId' | 'slotId' | 'ownerId' | 'communeCode'>;
}
