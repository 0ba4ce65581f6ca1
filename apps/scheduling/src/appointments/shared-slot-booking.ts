import { AppointmentBooked, SlotUpdated, SlotWithdrawn } from '@sas/contracts';
import { AuditTrail, Principal } from '@sas/auth';
import { OutboxRelay, OutboxWriter } from '@sas/messaging';
import { Conflict } from '@sas/platform';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { PlaceEntity } from '../directory/place.entity';
import { slotWithdrawnPayload } from '../slots/slot-events';
import { decide, SlotChangeEvent } from '../slots/slot-lifecycle';
import { statePayload } from '../slots/slot-lifecycle.service';
import { SlotEntity } from '../slots/slot.entity';
import { lockSlot, tryChangeSlot, writeSlotStatus } from '../slots/slot-transitions';
import { appointmentRef } from './appointment-events';
import { AppointmentEntity } from './appointment.entity';

/** The 409 for a slot that cannot be booked, with the decider's reason (slot-booked, slot-expired…). */
export function slotUnavailable(slot: SlotEntity, now: Date): Conflict {
  const decision = decide({ type: 'book', at: now }, slot);
  const reason = decision.accepted ? 'slot-changed' : decision.reason;
  return new Conflict(reason, `slot ${slot.id} cannot be booked: it is ${reason.slice('slot-'.length)}`, {
    slotStatus: slot.status,
  });
}

/** The event a slot's change emits: slot-withdrawn (it left the free list) or slot-updated (its new state). */
export async function appendSlotChange(
  tx: EntityManager,
  outbox: OutboxWriter,
  slot: SlotEntity,
  change: SlotChangeEvent | null,
): Promise<void> {
  if (change?.type === 'slot-withdrawn') await outbox.append(tx, SlotWithdrawn, slotWithdrawnPayload(slot, change.reason));
  else if (change) await outbox.append(tx, SlotUpdated, await statePayload(tx, slot));
}

/**
 * Books one place of a walk-in opening with a capacity. The slot's row is locked for the
 * transaction, so concurrent bookings take places one after the other and the decider
 * refuses once all are taken (409 slot-booked): with 10 places, 11 concurrent bookings
 * give exactly 10 appointments. The slot stays on the free list (slot-updated with the
 * places left) until the last place goes (slot-withdrawn, booked).
 */
export async function bookSharedSlot(
  deps: { relay: OutboxRelay; outbox: OutboxWriter; audit: AuditTrail },
  booking: { slotId: string; caseId: string | null; mode: AppointmentEntity['mode']; territory: string; communeCode: string },
  actor: Principal,
  now: Date,
): Promise<{ appointment: AppointmentEntity; slot: SlotEntity }> {
  return deps.relay.inTransaction(async (tx) => {
    const slot = await lockSlot(tx, booking.slotId);
    const change = tryChangeSlot(slot, { type: 'book', at: now });
    if (!change) throw slotUnavailable(slot, now);
    await writeSlotStatus(tx, slot);
    const appointment = Object.assign(new AppointmentEntity(), {
      id: randomUUID(),
      slotId: slot.id,
      caseId: booking.caseId,
      bookedBy: actor.subject,
      mode: booking.mode,
      status: 'booked',
      bookedAt: now,
      territory: booking.territory,
      sharesSlot: true,
    });
    await tx.getRepository(AppointmentEntity).insert(appointment);
    await deps.audit.record(tx, actor, {
      action: 'booked',
      targetType: 'appointment',
      targetId: appointment.id,
      territory: booking.territory,
      detail: { slotId: slot.id, caseId: appointment.caseId },
    });
    await appendSlotChange(tx, deps.outbox, slot, change.event);
    await deps.outbox.append(tx, AppointmentBooked, {
      ...appointmentRef(appointment, slot, { communeCode: booking.communeCode } as PlaceEntity),
      start: slot.startAt.toISOString(),
      end: slot.endAt.toISOString(),
      mode: booking.mode,
      bookedAt: now.toISOString(),
      bookedBy: actor.subject,
    });
    return { appointment, slot };
  });
}
