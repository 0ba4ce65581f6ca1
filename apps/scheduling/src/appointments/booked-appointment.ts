import { Conflict, NotFound } from '@sas/platform';
import { departementOfCommune } from '@sas/referentials';
import { EntityManager } from 'typeorm';
import { PlaceEntity } from '../directory/place.entity';
import { SlotEntity } from '../slots/slot.entity';
import { AppointmentEntity } from './appointment.entity';

/** The territory whose regulators may act on an appointment: its booking's, or its slot's département. */
export function territoryOf(appointment: AppointmentEntity, place: PlaceEntity): string {
  return appointment.territory ?? departementOfCommune(place.communeCode);
}

/** Locks an appointment, whatever its status, with its slot and place; 404 when it does not exist. */
export async function lockAppointment(tx: EntityManager, id: string) {
  const appointment = await tx.getRepository(AppointmentEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  if (!appointment) throw new NotFound(`appointment ${id} does not exist`);
  const slot = await tx
    .getRepository(SlotEntity)
    .findOne({ where: { id: appointment.slotId }, lock: { mode: 'pessimistic_write' } });
  const place = await tx.getRepository(PlaceEntity).findOneByOrFail({ id: slot!.placeId });
  return { appointment, slot: slot!, place };
}

/** Locks a booked appointment with its slot; 404 or 409 (with its status) otherwise. */
export async function lockBooked(tx: EntityManager, id: string) {
  const appointment = await tx.getRepository(AppointmentEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  if (!appointment) throw new NotFound(`appointment ${id} does not exist`);
  if (appointment.status !== 'booked') {
    throw new Conflict(`appointment-${appointment.status}`, `appointment ${id} is ${appointment.status}`, {
      appointmentStatus: appointment.status,
    });
  }
  const slot = await tx
    .getRepository(SlotEntity)
    .findOne({ where: { id: appointment.slotId }, lock: { mode: 'pessimistic_write' } });
  const place = await tx.getRepository(PlaceEntity).findOneByOrFail({ id: slot!.placeId });
  return { appointment, slot: slot!, place };
}
