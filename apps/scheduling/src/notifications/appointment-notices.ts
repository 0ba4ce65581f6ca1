import { AppointmentBooked, AppointmentCancelled, AppointmentMoved, PayloadOf } from '@sas/contracts';
import { EntityManager } from 'typeorm';
import { WebhookNotice } from './webhook-notice';

type Queryable = Pick<EntityManager, 'query'>;

/** Where and with whom an appointment's slot is: what a practice needs to find it in its agenda. */
export async function slotFacts(db: Queryable, slotId: string) {
  const [row] = await db.query(
    `SELECT s.start_at, s.end_at, s.place_id, s.practitioner_id, s.structure_id, p.rpps, pl.commune_code
       FROM scheduling.slot s JOIN scheduling.place pl ON pl.id = s.place_id
       LEFT JOIN scheduling.practitioner p ON p.id = s.practitioner_id
      WHERE s.id = $1`,
    [slotId],
  );
  if (!row) return undefined;
  return {
    owner: { practitionerId: row.practitioner_id as string | null, structureId: row.structure_id as string | null },
    data: {
      slotId,
      start: (row.start_at as Date).toISOString(),
      end: (row.end_at as Date).toISOString(),
      practitionerId: row.practitioner_id ?? undefined,
      practitionerRpps: row.rpps ?? undefined,
      structureId: row.structure_id ?? undefined,
      placeId: row.place_id as string,
      communeCode: row.commune_code as string,
    },
  };
}

type Builder<P> = (tx: Queryable, payload: P, cause: string, at: string) => Promise<WebhookNotice[]>;

export const bookedNotices: Builder<PayloadOf<typeof AppointmentBooked>> = async (tx, booked, cause, at) => {
  const slot = await slotFacts(tx, booked.slotId);
  if (!slot) return [];
  const data = { appointmentId: booked.appointmentId, ...slot.data, mode: booked.mode, bookedAt: booked.bookedAt };
  return [{ type: 'appointment-booked', owners: [slot.owner], cause, at, data }];
};

export const cancelledNotices: Builder<PayloadOf<typeof AppointmentCancelled>> = async (tx, cancelled, cause, at) => {
  const slot = await slotFacts(tx, cancelled.slotId);
  if (!slot) return [];
  const data = {
    appointmentId: cancelled.appointmentId,
    ...slot.data,
    cancelledAt: cancelled.cancelledAt,
    cancelledBy: cancelled.cancelledBy,
    slotReleased: cancelled.slotReleased,
  };
  return [{ type: 'appointment-cancelled', owners: [slot.owner], cause, at, data }];
};

/** A move concerns the new slot's agenda and, when it is another one, the previous slot's too. */
export const movedNotices: Builder<PayloadOf<typeof AppointmentMoved>> = async (tx, moved, cause, at) => {
  const [slot, previous] = await Promise.all([slotFacts(tx, moved.slotId), slotFacts(tx, moved.previousSlotId)]);
  if (!slot) return [];
  const data = {
    appointmentId: moved.appointmentId,
    ...slot.data,
    mode: moved.mode,
    movedAt: moved.movedAt,
    previous: previous && {
      slotId: moved.previousSlotId,
      start: previous.data.start,
      end: previous.data.end,
      placeId: previous.data.placeId,
    },
  };
  return [{ type: 'appointment-moved', owners: previous ? [slot.owner, previous.owner] : [slot.owner], cause, at, data }];
};
