import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppointmentBooked, AppointmentCancelled, AppointmentMoved, SlotWithdrawn } from '@sas/contracts';
import { assertRegulatorMay, AuditTrail, Principal } from '@sas/auth';
import { event, OutboxRelay, OutboxWriter, outboxRowsSql } from '@sas/messaging';
import { InvalidInput, NotFound } from '@sas/platform';
import { PreparedStatement } from '@sas/persistence';
import { departementOfCommune } from '@sas/referentials';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { assertOwnAgenda } from '../access/ownership';
import { PlaceEntity } from '../directory/place.entity';
import { slotWithdrawnPayload } from '../slots/slot-events';
import { SlotEntity } from '../slots/slot.entity';
import { decide } from '../slots/slot-lifecycle';
import { SLOT_ROW_COLUMNS, SlotRow, slotFromRow } from '../slots/slot-store';
import {
  changeSlot,
  lockSlot,
  slotGuardSql,
  slotTransitionSetSql,
  tryChangeSlot,
  withdrawalReasonOf,
  writeSlotStatus,
} from '../slots/slot-transitions';
import { appendSlotChange, bookSharedSlot, slotUnavailable } from './shared-slot-booking';
import { VendorConfirmation, VendorFreshness } from '../vendors/pull/vendor-freshness';
import { HandOverService } from '../vendors/hand-over/hand-over.service';
import { appointmentRef } from './appointment-events';
import { BookedSlotDetails, bookedSlotDetails, handedOver, HandedOverSlot } from './handed-over-slot';
import { AppointmentEntity } from './appointment.entity';
import { lockBooked, territoryOf } from './booked-appointment';
import { BookAppointmentDto, CancelAppointmentDto, MoveAppointmentDto } from './appointment.dto';

/** A booking's read of its slot, with what its events need of the place and practitioner. */
const READ_SLOT = new PreparedStatement(
  'scheduling-book-read-slot',
  `SELECT ${SLOT_ROW_COLUMNS.map((column) => `s.${column}`).join(', ')}, p.commune_code, pr.rpps AS practitioner_rpps,
          pr.family_name AS practitioner_family_name, pr.given_name AS practitioner_given_name,
          pr.profession AS practitioner_profession, pr.specialties AS practitioner_specialties
     FROM scheduling.slot s JOIN scheduling.place p ON p.id = s.place_id
     LEFT JOIN scheduling.practitioner pr ON pr.id = s.practitioner_id
    WHERE s.id = $1`,
);

/**
 * A booking's claim: the slot only if still free at the revision read and not started,
 * the appointment, its audit row and both events — all or nothing.
 */
const CLAIM_SLOT = new PreparedStatement(
  'scheduling-book-claim-slot',
  `WITH claimed AS (
       UPDATE scheduling.slot SET ${slotTransitionSetSql('book')}
        WHERE id = $1 AND revision = $2 AND ${slotGuardSql('book', '$3')}
        RETURNING id),
     booked AS (
       INSERT INTO scheduling.appointment (id, slot_id, case_id, booked_by, mode, status, booked_at, territory)
       SELECT $4, id, $5, $6, $7, 'booked', $3, $9 FROM claimed),
     audit AS (
       INSERT INTO scheduling.audit_trail (actor_role, actor_id, action, target_type, target_id, territory, detail)
       SELECT $8, $6, 'booked', 'appointment', $4, $9, $10 FROM claimed),
     events AS (
       INSERT INTO scheduling.outbox (event_id, topic, message_key, headers, payload)
       SELECT * FROM (${outboxRowsSql(11)}) AS rows WHERE EXISTS (SELECT 1 FROM claimed))
     SELECT count(*)::int AS won FROM claimed`,
);

/** What a booking answers: the appointment and what the booker needs of its slot. */
export type BookedAppointment = AppointmentEntity &
  BookedSlotDetails & {
    /** For a slot pulled from a vendor: whether the vendor confirmed it free just before (see VendorFreshness). */
    vendorConfirmation?: VendorConfirmation;
  };

export interface BookedPractitioner {
  familyName: string | null;
  givenName: string | null;
  profession: string;
  specialties: string[];
}

export type BookingSlotRow = SlotRow & {
  commune_code: string;
  practitioner_rpps: string | null;
  practitioner_family_name: string | null;
  practitioner_given_name: string | null;
  practitioner_profession: string | null;
  practitioner_specialties: string[] | null;
};

/**
 * Bookings. Scheduling is the single writer of slot state: a booking is a conditional
 * update of the slot row (free and not started → booked), so under any concurrency
 * exactly one booking wins; a unique index on live appointments per slot backs it up.
 */
@Injectable()
export class AppointmentsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly relay: OutboxRelay,
    private readonly audit: AuditTrail,
    private readonly freshness: VendorFreshness,
    private readonly handOvers: HandOverService,
  ) {}

  /**
   * Books in two round trips: read the slot (and its commune), then one statement that
   * claims it only if it is still free at the revision read, inserts the appointment and
   * appends both events — all or nothing, with no explicit transaction held open.
   */
  async book(
    dto: BookAppointmentDto,
    actor: Principal,
    now = new Date(),
    attempt = 1,
  ): Promise<BookedAppointment | HandedOverSlot> {
    const [row] = await READ_SLOT.run<BookingSlotRow[]>(this.db, [dto.slotId]);
    if (!row) throw new NotFound(`slot ${dto.slotId} does not exist`);
    const slot = slotFromRow(row);
    // A case's booking is for the case's territory (the slot may lie across a border); any other, for the slot's.
    const territory = dto.territory ?? departementOfCommune(row.commune_code);
    assertRegulatorMay(actor, 'book', territory);
    // Decided on the slot as read; the claim below applies the same rule (slotGuardSql) at the revision read.
    const decision = decide({ type: 'book', at: now }, slot);
    if (!decision.accepted) throw slotUnavailable(slot, now);
    const mode = chooseMode(slot, dto.mode, 'mode');
    // A pulled slot may have been taken at its vendor since the last poll: ask once (own slots: no call).
    const vendorConfirmation = attempt === 1 ? await this.freshness.check(slot, row.practitioner_rpps) : undefined;
    // A vendor-hosted slot is booked at the vendor, by the regulator, on its page: not here.
    if (slot.vendor)
      return handedOver(
        await this.handOvers.create(slot, { caseId: dto.caseId, territory }, actor, now),
        slot,
        row,
        mode,
        vendorConfirmation,
      );
    if (slot.capacity) {
      const shared = await bookSharedSlot(
        { relay: this.relay, outbox: this.outbox, audit: this.audit },
        { slotId: slot.id, caseId: dto.caseId ?? null, mode, territory, communeCode: row.commune_code },
        actor,
        now,
      );
      return Object.assign(shared.appointment, bookedSlotDetails(shared.slot, row));
    }
    const appointment = Object.assign(new AppointmentEntity(), {
      id: randomUUID(),
      slotId: slot.id,
      caseId: dto.caseId ?? null,
      bookedBy: actor.subject,
      mode,
      status: 'booked',
      bookedAt: now,
      territory,
      sharesSlot: false,
    });
    const claimed = Object.assign(new SlotEntity(), slot, { revision: decision.revision });
    const { params } = this.outbox.prepare([
      event(SlotWithdrawn, slotWithdrawnPayload(claimed, withdrawalReasonOf('book'))),
      event(AppointmentBooked, {
        ...appointmentRef(appointment, claimed, { communeCode: row.commune_code } as PlaceEntity),
        start: slot.startAt.toISOString(),
        end: slot.endAt.toISOString(),
        mode,
        bookedAt: now.toISOString(),
        bookedBy: actor.subject,
      }),
    ]);
    const [{ won }] = await CLAIM_SLOT.run<{ won: number }[]>(this.db, [
      slot.id,
      slot.revision,
      now,
      appointment.id,
      appointment.caseId,
      appointment.bookedBy,
      mode,
      actor.role,
      territory,
      JSON.stringify({ slotId: slot.id, caseId: appointment.caseId }),
      ...params,
    ]);
    if (won !== 1) {
      // Someone changed the slot since we read it: still free (modified) → try again;
      // otherwise tell why from its current state.
      const current = await this.db.getRepository(SlotEntity).findOneByOrFail({ id: slot.id });
      if (decide({ type: 'book', at: now }, current).accepted && attempt < 3) return this.book(dto, actor, now, attempt + 1);
      throw slotUnavailable(current, now);
    }
    this.relay.wake();
    return Object.assign(appointment, {
      ...bookedSlotDetails(slot, row),
      ...(vendorConfirmation && { vendorConfirmation }),
    });
  }

  /** Cancels a booking; the slot is free again (slot-updated) unless it has started. */
  async cancel(id: string, dto: CancelAppointmentDto, actor: Principal, now = new Date()): Promise<AppointmentEntity> {
    return this.inTransaction(async (tx) => {
      const { appointment, slot, place } = await lockBooked(tx, id);
      await assertOwnAgenda(tx, actor, slot, `appointment ${id}`);
      assertRegulatorMay(actor, 'book', territoryOf(appointment, place));
      appointment.status = 'cancelled';
      await tx.getRepository(AppointmentEntity).update(appointment.id, { status: 'cancelled' });
      const released = await this.releaseSlot(tx, slot, now);
      await this.outbox.append(tx, AppointmentCancelled, {
        ...appointmentRef(appointment, slot, place),
        cancelledAt: now.toISOString(),
        cancelledBy: dto.by,
        slotReleased: released,
      });
      await this.audit.record(tx, actor, {
        action: 'cancelled',
        targetType: 'appointment',
        targetId: appointment.id,
        territory: territoryOf(appointment, place),
        detail: { by: dto.by, slotId: slot.id },
      });
      return appointment;
    });
  }

  /** Moves a booking to another free slot in one transaction: book the new, release the old. */
  async move(id: string, dto: MoveAppointmentDto, actor: Principal, now = new Date()): Promise<AppointmentEntity> {
    return this.inTransaction(async (tx) => {
      const { appointment, slot: previous, place: previousPlace } = await lockBooked(tx, id);
      assertRegulatorMay(actor, 'book', territoryOf(appointment, previousPlace));
      if (dto.slotId === previous.id) throw InvalidInput.field('slotId', 'the appointment is already on this slot');
      const { slot, change } = await claimSlot(tx, dto.slotId, now);
      const mode = chooseMode(slot, dto.mode ?? (slot.modes.includes(appointment.mode) ? appointment.mode : undefined), 'mode');
      const sharesSlot = slot.capacity !== null;
      Object.assign(appointment, { slotId: slot.id, mode, sharesSlot });
      await tx.getRepository(AppointmentEntity).update(appointment.id, { slotId: slot.id, mode, sharesSlot });
      const released = await this.releaseSlot(tx, previous, now);
      const place = await tx.getRepository(PlaceEntity).findOneByOrFail({ id: slot.placeId });
      await appendSlotChange(tx, this.outbox, slot, change);
      await this.outbox.append(tx, AppointmentMoved, {
        ...appointmentRef(appointment, slot, place),
        previousSlotId: previous.id,
        previousOwnerId: previous.ownerId,
        start: slot.startAt.toISOString(),
        end: slot.endAt.toISOString(),
        mode,
        movedAt: now.toISOString(),
        previousSlotReleased: released,
      });
      await this.audit.record(tx, actor, {
        action: 'moved',
        targetType: 'appointment',
        targetId: appointment.id,
        territory: territoryOf(appointment, previousPlace),
        detail: { from: previous.id, to: slot.id },
      });
      return appointment;
    });
  }

  async get(id: string, reader: Principal): Promise<AppointmentEntity> {
    const appointment = await this.db.getRepository(AppointmentEntity).findOneBy({ id });
    if (!appointment) throw new NotFound(`appointment ${id} does not exist`);
    const slot = await this.db.getRepository(SlotEntity).findOneByOrFail({ id: appointment.slotId });
    await assertOwnAgenda(this.db, reader, slot, `appointment ${id}`);
    return appointment;
  }

  /** A booked slot that has not started goes back on the free list with a new revision (after its start, it expires). */
  private async releaseSlot(tx: EntityManager, slot: SlotEntity, now: Date): Promise<boolean> {
    const change = changeSlot(slot, { type: 'release', at: now });
    await writeSlotStatus(tx, slot);
    await appendSlotChange(tx, this.outbox, slot, change);
    return change !== null;
  }

  private inTransaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.relay.inTransaction(work);
  }
}

/**
 * Books the slot (or one place of a walk-in opening) if it is free and has not started,
 * locked for the transaction; 404 or 409 with the reason otherwise. The events are built
 * from the row locked here, not from an earlier read.
 */
async function claimSlot(tx: EntityManager, slotId: string, now: Date) {
  const slot = await lockSlot(tx, slotId);
  const change = tryChangeSlot(slot, { type: 'book', at: now });
  if (!change) throw slotUnavailable(slot, now);
  await writeSlotStatus(tx, slot);
  return { slot, change: change.event };
}

function chooseMode(slot: SlotEntity, wanted: SlotEntity['modes'][number] | undefined, field: string) {
  if (!wanted) return slot.modes[0];
  if (!slot.modes.includes(wanted)) throw InvalidInput.field(field, `the slot offers ${slot.modes.join(', ')}, not ${wanted}`);
  return wanted;
}
