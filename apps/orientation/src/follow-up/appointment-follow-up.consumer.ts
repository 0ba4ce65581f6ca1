import { Injectable, Logger } from '@nestjs/common';
import { AppointmentBooked, AppointmentCancelled, AppointmentHonoured, AppointmentMoved, AppointmentNoShow, Topics } from '@sas/contracts';
import { ConsumerRegistry, EventConsumer, handle } from '@sas/messaging';
import { EntityManager } from 'typeorm';
import { lockCase, recordStep, saveCase } from '../cases/case-store';
import { CaseEntity } from '../cases/case.entity';
import { SchedulingClient } from '../neighbours/scheduling-client';
import { ServiceCredentials } from '@sas/auth';
import { HandOverConfirmation } from '../hand-over/hand-over-confirmation';

/**
 * Follows the appointments booked for cases: honoured completes the case; no-show or
 * cancellation opens it to re-orientation; a move updates the appointment start. A
 * booking that carries a case id the case never recorded (orientation failed after
 * scheduling booked) is cancelled, so no slot stays held for nobody.
 */
@Injectable()
export class AppointmentFollowUpConsumer {
  private readonly logger = new Logger(AppointmentFollowUpConsumer.name);
  readonly consumer: EventConsumer;

  constructor(
    registry: ConsumerRegistry,
    private readonly scheduling: SchedulingClient,
    private readonly credentials: ServiceCredentials,
    private readonly handOverConfirmation: HandOverConfirmation,
  ) {
    this.consumer = registry.register({
      groupId: 'orientation-appointment-follow-up',
      topics: [Topics.appointments],
      handlers: new Map([
        // A vendor's booking through a hand-over ties back to its case; our own bookings are recorded at booking.
        handle(AppointmentBooked, async (e, tx) => (e.data.vendor ? this.handOverConfirmation.confirmed(tx!, e.data) : this.booked(tx!, e.data.caseId, e.data.appointmentId))),
        handle(AppointmentHonoured, async (e, tx) => this.ended(tx!, e.data.caseId, e.data.appointmentId, 'completed', 'appointment-honoured', e.time)),
        handle(AppointmentNoShow, async (e, tx) => this.ended(tx!, e.data.caseId, e.data.appointmentId, 'reorientation-needed', 'appointment-no-show', e.time)),
        handle(AppointmentCancelled, async (e, tx) => this.ended(tx!, e.data.caseId, e.data.appointmentId, 'reorientation-needed', 'appointment-cancelled', e.time)),
        handle(AppointmentMoved, async (e, tx) => {
          const kase = await this.caseOf(tx!, e.data.caseId, e.data.appointmentId);
          if (!kase) return;
          await saveCase(tx!, kase, { appointmentSlotId: e.data.slotId, appointmentStart: new Date(e.data.start) }, new Date());
          await recordStep(tx!, { caseId: kase.id, step: 'appointment-moved', actorId: null, actorRole: 'scheduling', details: { slotId: e.data.slotId }, at: new Date(e.time) });
        }),
      ]),
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

  private async ended(tx: EntityManager, caseId: string | undefined, appointmentId: string, state: 'completed' | 'reorientation-needed', step: string, time: string): Promise<void> {
    const kase = await this.caseOf(tx, caseId, appointmentId);
    if (!kase || kase.state !== 'oriented') return;
    await saveCase(tx, kase, { state, ...(state === 'reorientation-needed' ? { appointmentId: null, appointmentSlotId: null, appointmentStart: null } : {}) }, new Date());
    await recordStep(tx, { caseId: kase.id, step, actorId: null, actorRole: 'scheduling', details: { appointmentId }, at: new Date(time) });
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
    await this.scheduling.cancel(appointmentId, await this.credentials.token()).catch((error) => this.logger.warn({ msg: 'orphan booking already gone', appointmentId, error: (error as Error).message }));
  }
}
