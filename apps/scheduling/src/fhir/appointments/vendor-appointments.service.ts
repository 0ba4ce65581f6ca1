import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  AppointmentBooked,
  AppointmentCancelled,
  AppointmentHonoured,
  AppointmentMoved,
  AppointmentNoShow,
  SlotUpdated,
  SlotWithdrawn,
} from '@sas/contracts';
import { AuditTrail, Principal } from '@sas/auth';
import { OutboxRelay, OutboxWriter } from '@sas/messaging';
import { Forbidden, InvalidInput, Unprocessable } from '@sas/platform';
import { departementOfCommune } from '@sas/referentials';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { appointmentRef } from '../../appointments/appointment-events';
import { AppointmentEntity } from '../../appointments/appointment.entity';
import { PlaceEntity } from '../../directory/place.entity';
import { slotWithdrawnPayload } from '../../slots/slot-events';
import { statePayload } from '../../slots/slot-lifecycle.service';
import type { SlotChangeEvent } from '../../slots/slot-lifecycle';
import { changeSlot, writeSlotStatus } from '../../slots/slot-transitions';
import { SlotEntity } from '../../slots/slot.entity';
import { VendorsService } from '../../vendors/vendors.service';
import { ElementForbidden } from '../operation-outcome';
import { parseAppointment, VendorAppointment } from './appointment-resource';
import { decide } from './appointment-status-rules';
import * as store from './vendor-appointment-store';

/** What a vendor's report did: the SAS appointment it is, and whether it was new or changed anything. */
export interface ReportResult {
  appointmentId: string;
  created: boolean;
  changed: boolean;
}

type Context = { tx: EntityManager; vendorId: string; actor: Principal; now: Date; a: VendorAppointment };

/**
 * INT_R03: a vendor reports the appointments booked on its agenda through the SAS hand-over,
 * and what became of them. Each report becomes the same appointment events as our own
 * bookings (with the vendor named), so orientation, matching and indicators have one path.
 * Refusals (400, 403, 422) change nothing; a report already applied, or older than the one
 * applied, changes nothing either.
 */
@Injectable()
export class VendorAppointmentsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly registry: VendorsService,
    private readonly outbox: OutboxWriter,
    private readonly relay: OutboxRelay,
    private readonly audit: AuditTrail,
  ) {}

  async report(vendorId: string, body: unknown, actor: Principal, now = new Date()): Promise<ReportResult> {
    const parsed = parseAppointment(body);
    if (!parsed.ok)
      throw new InvalidInput(parsed.issues.map((i) => ({ field: i.expression ?? 'Appointment', reason: i.diagnostics })));
    const a = parsed.value;
    await this.checkPractitioner(vendorId, a);
    const digest = createHash('sha256')
      .update(
        JSON.stringify([
          a.status,
          a.start.toISOString(),
          a.end.toISOString(),
          a.practitioner?.value,
          a.bookingReference?.value,
          a.slotId?.value,
        ]),
      )
      .digest('base64url');
    const versionAt = a.lastUpdated ?? now;
    // Commits, then wakes the relay: the report's events leave at once (a report that changed nothing wakes it for nothing).
    return this.relay.inTransaction(async (tx): Promise<ReportResult> => {
      const ctx: Context = { tx, vendorId, actor, now, a };
      const applied = await store.lockReport(tx, vendorId, a.identifier);
      const decision = decide(applied, { status: a.status, start: a.start, end: a.end, digest, versionAt });
      if (decision.kind === 'refuse') throw new Unprocessable(decision.element, decision.reason);
      if (decision.kind === 'unchanged') return { appointmentId: applied!.appointmentId, created: false, changed: false };
      const appointmentId =
        decision.kind === 'book' ? await this.book(ctx) : await this.follow(ctx, applied!.appointmentId, decision.kind);
      await store.saveReport(
        tx,
        vendorId,
        a.identifier,
        { appointmentId, status: decision.status, start: a.start, end: a.end, digest, versionAt },
        now,
      );
      return { appointmentId, created: decision.kind === 'book', changed: true };
    });
  }

  /** 403 for a practitioner the vendor is not registered for; 422 for one the SAS does not know. */
  private async checkPractitioner(vendorId: string, a: VendorAppointment): Promise<void> {
    const vendor = await this.registry.get(vendorId).catch(() => undefined);
    if (!vendor) throw new Forbidden(`vendor ${vendorId} is not registered with the SAS`);
    const p = a.practitioner;
    if (!p) return;
    if (p.kind !== 'rpps' || !vendor.practitionerRpps.includes(p.value)) {
      throw new ElementForbidden(
        p.element,
        `vendor ${vendorId} is not registered for this practitioner (${p.kind.toUpperCase()} ${p.value})`,
      );
    }
    if (!(await store.practitionerIdOf(this.db.manager, p.value)))
      throw new Unprocessable(p.element, `unknown practitioner: RPPS ${p.value} is not in the SAS directory`);
  }

  /** A new booking: its slot (the hand-over's, the one named, or the vendor's at that time) leaves search at once. */
  private async book(ctx: Context): Promise<string> {
    const { tx, vendorId, a, now } = ctx;
    const handOver = a.bookingReference && (await this.handOverOf(ctx));
    const slotElement = a.bookingReference?.element ?? a.slotId?.element ?? 'Appointment.start';
    const slotId = handOver?.slot_id ?? a.slotId?.value;
    const found = slotId
      ? await store.lockSlotById(tx, slotId)
      : await store.lockSlotAt(tx, vendorId, a.start, a.practitioner ? { rpps: a.practitioner.value } : 'any-structure');
    if (!found)
      throw new Unprocessable(
        slotElement,
        `no slot of vendor ${vendorId} ${slotId ? `is ${slotId}` : `starts at ${a.start.toISOString()}${a.practitioner ? ' for this practitioner' : ''}`}`,
      );
    if (found.slot.vendor !== vendorId)
      throw new Unprocessable(
        slotElement,
        `the slot is not vendor ${vendorId}'s: it was published by ${found.slot.vendor ?? 'the SAS itself'}`,
      );
    if (a.practitioner && found.rpps !== a.practitioner.value)
      throw new Unprocessable(a.practitioner.element, `the slot was published for another practitioner`);
    const booking = await store.markBooked(tx, found.slot, now);
    if (!booking) throw new Unprocessable(slotElement, `the slot is already booked by another appointment`);
    const slot = found.slot;
    const bookedAt = a.created ?? now;
    const appointment = Object.assign(new AppointmentEntity(), {
      id: randomUUID(),
      slotId: slot.id,
      caseId: handOver?.case_id ?? null,
      bookedBy: handOver?.requested_by ?? `vendor:${vendorId}`,
      mode: slot.modes[0],
      status: 'booked',
      bookedAt,
      territory: handOver?.territory ?? departementOfCommune(found.communeCode),
    });
    await tx.getRepository(AppointmentEntity).insert(appointment);
    if (handOver) await store.useHandOver(tx, handOver.reference, appointment.id);
    // The vendor's poll may already have seen the slot busy (booked-elsewhere): then it already left search.
    await this.withdrawn(tx, slot, booking.event);
    await this.outbox.append(tx, AppointmentBooked, {
      ...this.ref(ctx, appointment, slot, found.communeCode),
      start: a.start.toISOString(),
      end: a.end.toISOString(),
      mode: appointment.mode,
      bookedAt: bookedAt.toISOString(),
      bookedBy: appointment.bookedBy,
    });
    await this.audit.record(tx, ctx.actor, {
      action: 'booked',
      targetType: 'appointment',
      targetId: appointment.id,
      territory: appointment.territory ?? undefined,
      detail: { slotId: slot.id, caseId: appointment.caseId, vendor: vendorId },
    });
    return appointment.id;
  }

  /** The hand-over the reference stands for: this vendor's, not used by another appointment, not expired when booked. */
  private async handOverOf(ctx: Context): Promise<store.HandOverRow> {
    const { value, element } = ctx.a.bookingReference!;
    const handOver = await store.lockHandOver(ctx.tx, value);
    if (!handOver) throw new Unprocessable(element, 'unknown SAS booking reference');
    if (handOver.vendor_id !== ctx.vendorId)
      throw new Unprocessable(element, 'this booking reference was given for a slot of another vendor');
    if (handOver.appointment_id)
      throw new Unprocessable(element, 'this booking reference was already used by another appointment');
    if ((ctx.a.created ?? ctx.now) > handOver.expires_at)
      throw new Unprocessable(element, `this booking reference expired at ${handOver.expires_at.toISOString()}`);
    return handOver;
  }

  /** A later report of a booked appointment: moved, cancelled, honoured or missed. */
  private async follow(ctx: Context, appointmentId: string, kind: 'move' | 'cancel' | 'honour' | 'no-show'): Promise<string> {
    const { tx, a, now } = ctx;
    const appointment = await tx
      .getRepository(AppointmentEntity)
      .findOneOrFail({ where: { id: appointmentId }, lock: { mode: 'pessimistic_write' } });
    const current = (await store.lockSlotById(tx, appointment.slotId))!;
    if (kind === 'move') return this.move(ctx, appointment, current);
    const status = kind === 'cancel' ? 'cancelled' : kind === 'honour' ? 'honoured' : 'no-show';
    // The guide's Appointment names no performing practitioner: the slot's is recorded (none for a structure's slot).
    const performingPractitionerRpps = kind === 'cancel' ? null : current.rpps;
    await tx
      .getRepository(AppointmentEntity)
      .update(appointment.id, { status, ...(kind === 'cancel' ? {} : { performingPractitionerRpps }) });
    const ref = this.ref(ctx, appointment, current.slot, current.communeCode);
    if (kind === 'cancel') {
      const released = await this.release(tx, current.slot, now);
      // Who cancelled is not in the guide's Appointment: the practice's agenda reports it.
      await this.outbox.append(tx, AppointmentCancelled, {
        ...ref,
        cancelledAt: (a.lastUpdated ?? now).toISOString(),
        cancelledBy: 'practitioner',
        slotReleased: released,
      });
    } else {
      await this.outbox.append(tx, kind === 'honour' ? AppointmentHonoured : AppointmentNoShow, {
        ...ref,
        ...(performingPractitionerRpps ? { performingPractitionerRpps } : {}),
        reportedAt: (a.lastUpdated ?? now).toISOString(),
      });
    }
    await this.audit.record(tx, ctx.actor, {
      action: status,
      targetType: 'appointment',
      targetId: appointment.id,
      territory: appointment.territory ?? undefined,
      detail: { vendor: ctx.vendorId },
    });
    return appointment.id;
  }

  /** New times: onto the vendor's slot of the same practitioner (or association) at the new start. */
  private async move(ctx: Context, appointment: AppointmentEntity, previous: store.LockedSlot): Promise<string> {
    const { tx, vendorId, a, now } = ctx;
    const who = previous.rpps ? { rpps: previous.rpps } : { structureOf: previous.slot.id };
    const target = await store.lockSlotAt(tx, vendorId, a.start, who);
    const booking = target && (await store.markBooked(tx, target.slot, now));
    if (!target || !booking)
      throw new Unprocessable(
        'Appointment.start',
        `vendor ${vendorId} published no free slot at ${a.start.toISOString()} for this appointment's practitioner`,
      );
    const slot = target.slot;
    await tx.getRepository(AppointmentEntity).update(appointment.id, { slotId: slot.id });
    appointment.slotId = slot.id;
    const released = await this.release(tx, previous.slot, now);
    await this.withdrawn(tx, slot, booking.event);
    await this.outbox.append(tx, AppointmentMoved, {
      ...this.ref(ctx, appointment, slot, target.communeCode),
      previousSlotId: previous.slot.id,
      previousOwnerId: previous.slot.ownerId,
      start: a.start.toISOString(),
      end: a.end.toISOString(),
      mode: slot.modes.includes(appointment.mode) ? appointment.mode : slot.modes[0],
      movedAt: (a.lastUpdated ?? now).toISOString(),
      previousSlotReleased: released,
    });
    await this.audit.record(tx, ctx.actor, {
      action: 'moved',
      targetType: 'appointment',
      targetId: appointment.id,
      territory: appointment.territory ?? undefined,
      detail: { from: previous.slot.id, to: slot.id, vendor: vendorId },
    });
    return appointment.id;
  }

  /**
   * The slot lifecycle's release: a slot that has not started is offered again (the vendor's
   * next poll says whether it still is); after its start it expires, with no event.
   */
  private async release(tx: EntityManager, slot: SlotEntity, now: Date): Promise<boolean> {
    const change = changeSlot(slot, { type: 'release', at: now });
    await writeSlotStatus(tx, slot);
    if (change) await this.outbox.append(tx, SlotUpdated, await statePayload(tx, slot));
    return change !== null;
  }

  /** The withdrawal a vendor's booking emits, when the slot was still on the free list. */
  private async withdrawn(tx: EntityManager, slot: SlotEntity, event: SlotChangeEvent | null): Promise<void> {
    if (event?.type === 'slot-withdrawn') await this.outbox.append(tx, SlotWithdrawn, slotWithdrawnPayload(slot, event.reason));
  }

  private ref(ctx: Context, appointment: AppointmentEntity, slot: SlotEntity, communeCode: string) {
    const reference = ctx.a.bookingReference?.value;
    return {
      ...appointmentRef(appointment, slot, { communeCode } as PlaceEntity),
      vendor: { id: ctx.vendorId, ...(reference && { bookingReference: reference }) },
    };
  }
}
