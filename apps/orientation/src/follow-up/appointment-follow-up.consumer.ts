import { Controller, Logger } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  AppointmentBooked,
  AppointmentCancelled,
  AppointmentHonoured,
  AppointmentMoved,
  AppointmentNoShow,
  PayloadOf,
  Topics,
} from '@sas/contracts';
import { DurableEventContext, DurableSubscription, EventSubscriber } from '@sas/messaging';
import { EntityManager } from 'typeorm';
import { lockCase, recordStep, saveCase } from '../cases/case-store';
import { CaseEntity } from '../cases/case.entity';
import { nextState } from '../cases/case-workflow';
import { SchedulingClient } from '../neighbours/scheduling-client';
import { ServiceCredentials } from '@sas/auth';
import { HandOverConfirmation } from '../hand-over/hand-over-confirmation';

/**
 * Follows the appointments booked for cases: honoured completes the case; no-show or
 * cancellation opens it to re-orientation; a move updates the appointment start. A
 * booking that carries a case id the case never recorded (orientation failed after
 * scheduling booked) is cancelled, so no slot stays held for nobody.
 */
@Controller()
export class AppointmentFollowUpConsumer implements EventSubscriber {
  private readonly logger = new Logger(AppointmentFollowUpConsumer.name);
  readonly subscription: DurableSubscription = {
    mode: 'durable',
    group: 'orientation-appointment-follow-up',
    topics: [Topics.appointments],
  };

  constructor(
    private readonly scheduling: SchedulingClient,
    private readonly credentials: ServiceCredentials,
    private readonly handOverConfirmation: HandOverConfirmation,
  ) {}

  /** A vendor's booking through a hand-over ties back to its case; our own bookings are recorded at booking. */
  @EventPattern(AppointmentBooked.name)
  appointmentBooked(@Payload() booking: PayloadOf<typeof AppointmentBooked>, @Ctx() { tx }: DurableEventContext): Promise<void> {
    if (booking.vendor) return this.handOverConfirmation.confirmed(tx, booking);
    return this.booked(tx, booking.caseId, booking.appointmentId);
  }

  @EventPattern(AppointmentHonoured.name)
  appointmentHonoured(
    @Payload() report: PayloadOf<typeof AppointmentHonoured>,
    @Ctx() { tx, envelope }: DurableEventContext,
  ): Promise<void> {
    return this.ended(tx, report.caseId, report.appointmentId, 'appointment-honoured', envelope.time);
  }

  @EventPattern(AppointmentNoShow.name)
  appointmentNoShow(
    @Payload() report: PayloadOf<typeof AppointmentNoShow>,
    @Ctx() { tx, envelope }: DurableEventContext,
  ): Promise<void> {
    return this.ended(tx, report.caseId, report.appointmentId, 'appointment-no-show', envelope.time);
  }

  @EventPattern(AppointmentCancelled.name)
  appointmentCancelled(
    @Payload() cancellation: PayloadOf<typeof AppointmentCancelled>,
    @Ctx() { tx, envelope }: DurableEventContext,
  ): Promise<void> {
    return this.ended(tx, cancellation.caseId, cancellation.appointmentId, 'appointment-cancelled', envelope.time);
  }

  @EventPattern(AppointmentMoved.name)
  async appointmentMoved(
    @Payload() move: PayloadOf<typeof AppointmentMoved>,
    @Ctx() { tx, envelope }: DurableEventContext,
  ): Promise<void> {
    const kase = await this.caseOf(tx, move.caseId, move.appointmentId);
    if (!kase) return;
    await saveCase(tx, kase, { appointmentSlotId: move.slotId, appointmentStart: new Date(move.start) }, new Date());
    await recordStep(tx, {
      caseId: kase.id,
      step: 'appointment-moved',
      actorId: null,
      actorRole: 'scheduling',
      details: { slotId: move.slotId },
      at: new Date(envelope.time),
    });
  }

  /** The case's current appointment, locked; undefined for events of other appointments. */
  private async caseOf(tx: EntityManager, caseId: string | undefined, appointmentId: string): Promise<CaseEntity | undefined> {
    if (!caseId) return undefined;
    const exists = await tx.getRepository(CaseEntity).existsBy({ id: caseId });
    if (!exists) return undefined;
    const kase = await lockCase(tx, caseId);
    return kase.appointmentId === appointmentId ? kase : undefined;
  }

  /** The case's next state is case-workflow's to decide (nextState); the step is named after the event. */
  private async ended(
    tx: EntityManager,
    caseId: string | undefined,
    appointmentId: string,
    step: 'appointment-honoured' | 'appointment-no-show' | 'appointment-cancelled',
    time: string,
  ): Promise<void> {
    const kase = await this.caseOf(tx, caseId, appointmentId);
    const change = kase && nextState(kase, { type: step });
    if (!kase || !change) return;
    await saveCase(
      tx,
      kase,
      {
        state: change.state,
        ...(change.releasesAppointment ? { appointmentId: null, appointmentSlotId: null, appointmentStart: null } : {}),
      },
      new Date(),
    );
    await recordStep(tx, {
      caseId: kase.id,
      step,
      actorId: null,
      actorRole: 'scheduling',
      details: { appointmentId },
      at: new Date(time),
    });
  }

  /** Orientation records every booking it makes while holding the case: one it did not record is an orphan. */
  private async booked(tx: EntityManager, caseId: string | undefined, appointmentId: string): Promise<void> {
    if (!caseId || !(await tx.getRepository(CaseEntity).existsBy({ id: caseId }))) return;
    const kase = await lockCase(tx, caseId);
    const [{ known }] = await tx.query(
      `SELECT $2::text = $3::text OR EXISTS (SELECT 1 FROM orientation.case_step WHERE case_id = $1 AND details->>'appointmentId' = $2::text) AS known`,
      [caseId, appointmentId, kase.appointmentId ?? ''],
    );
    if (known) return;
    this.logger.warn({ msg: 'cancelling a booking the case never recorded', caseId, appointmentId });
    await this.scheduling
      .cancel(appointmentId, await this.credentials.token())
      .catch((error) => this.logger.warn({ msg: 'orphan booking already gone', appointmentId, error: (error as Error).message }));
  }
}
