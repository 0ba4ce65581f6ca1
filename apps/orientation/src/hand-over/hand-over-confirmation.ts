import { Injectable, Logger } from '@nestjs/common';
import { AppointmentBooked, PatientOriented, PayloadOf } from '@sas/contracts';
import { OutboxWriter } from '@sas/messaging';
import { EntityManager } from 'typeorm';
import { patientOriented } from '../cases/case-events';
import { followedSuggestion } from '../pre-triage/pre-triage-protocol';
import { lockCase, recordStep, saveCase } from '../cases/case-store';
import { AWAITING_VENDOR, nextState } from '../cases/case-workflow';
import { CaseEntity } from '../cases/case.entity';
import { HAND_OVER_STEP, HandOverStepDetails } from './hand-over-recorder';

/**
 * The tie-back: a vendor reported a booking made through a hand-over (appointment-booked
 * with the vendor and the case). The case is oriented with that appointment — oriented when
 * the vendor recorded the booking — and patient-oriented is emitted as for our own bookings.
 * A confirmation that comes after the case was oriented otherwise is recorded on the case
 * only: the appointment stays a SAS appointment, counted once by its id.
 */
@Injectable()
export class HandOverConfirmation {
  private readonly logger = new Logger(HandOverConfirmation.name);

  constructor(private readonly outbox: OutboxWriter) {}

  async confirmed(tx: EntityManager, booked: PayloadOf<typeof AppointmentBooked>): Promise<void> {
    if (!booked.caseId || !(await tx.getRepository(CaseEntity).existsBy({ id: booked.caseId }))) return;
    const kase = await lockCase(tx, booked.caseId);
    if (kase.appointmentId === booked.appointmentId) return;
    const at = new Date(booked.bookedAt);
    const handOver = await lastHandOver(tx, kase.id);
    // The slot last handed over is kept on the case (appointmentSlotId) until it is oriented otherwise.
    const change = nextState(kase, {
      type: 'vendor-confirmed',
      handedOverSlotId: kase.appointmentSlotId,
      bookedSlotId: booked.slotId,
    });
    if (!handOver || !change) {
      this.logger.warn({
        msg: 'a vendor confirmed a hand-over the case no longer waits for',
        caseId: kase.id,
        appointmentId: booked.appointmentId,
        state: kase.state,
      });
      await recordStep(tx, {
        caseId: kase.id,
        step: 'vendor-confirmation-unattached',
        actorId: null,
        actorRole: 'scheduling',
        details: { appointmentId: booked.appointmentId, slotId: booked.slotId, vendor: booked.vendor?.id },
        at,
      });
      return;
    }
    // Attached after the time-out returned the case to the regulator.
    const late = kase.state !== AWAITING_VENDOR;
    await saveCase(
      tx,
      kase,
      {
        state: change.state,
        outcome: handOver.outcome,
        followedSuggestion: followedSuggestion(kase.suggestedOutcome, handOver.outcome),
        orientedAt: at,
        appointmentId: booked.appointmentId,
        appointmentSlotId: booked.slotId,
        appointmentStart: new Date(booked.start),
        mode: booked.mode,
      },
      new Date(),
    );
    await recordStep(tx, {
      caseId: kase.id,
      step: 'vendor-confirmation',
      result: handOver.outcome,
      actorId: null,
      actorRole: 'scheduling',
      details: { appointmentId: booked.appointmentId, vendor: booked.vendor?.id, late },
      at,
    });
    const appointment = {
      appointmentId: booked.appointmentId,
      slotId: booked.slotId,
      practitionerId: booked.practitionerId ?? null,
      start: new Date(booked.start),
      mode: booked.mode,
    };
    await this.outbox.append(
      tx,
      PatientOriented,
      patientOriented(kase, handOver.reorientation, appointment, {
        practitionerRpps: handOver.practitionerRpps,
        structureId: handOver.structureId,
        practitioner: kase.appointmentPractitioner,
        orientedBy: kase.orientedBy ?? undefined,
      }),
    );
  }
}

async function lastHandOver(tx: EntityManager, caseId: string): Promise<HandOverStepDetails | undefined> {
  const [row] = await tx.query(
    `SELECT details FROM orientation.case_step WHERE case_id = $1 AND step = $2 ORDER BY id DESC LIMIT 1`,
    [caseId, HAND_OVER_STEP],
  );
  return row?.details;
}
