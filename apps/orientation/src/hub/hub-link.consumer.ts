import { Controller, Inject, Logger } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  AppointmentCancelled,
  AppointmentHonoured,
  AppointmentMoved,
  AppointmentNoShow,
  EventEnvelope,
  PatientOriented,
  PayloadOf,
  Topics,
} from '@sas/contracts';
import { DurableEventContext, EventSubscriber, TransactionalBatchSubscription } from '@sas/messaging';
import { EntityManager } from 'typeorm';
import { distributionIdOf } from './hub-envelope';
import { HubLedger } from './hub-ledger';
import { HUB_SETTINGS } from './hub-tokens';
import { HubSettings } from './hub-settings';
import { hubDateTime } from './hub-date-time';
import { RegulatorEntity } from '../regulators/regulator.entity';
import { LrmAppointment, LrmAppointmentChange, orientationCategoryOf } from './lrm-appointment';
import { lrmPractitioner, lrmRegulator } from './lrm-people';

/**
 * Turns each orientation that booked an appointment, and each later change of that
 * appointment, into one ledger row (one Hub Santé message), in the transaction that
 * records the event in the inbox: a change is recorded once, under one distribution id.
 * A change may be read before its creation (two topics): the dispatcher orders them.
 */
@Controller()
export class HubLinkConsumer implements EventSubscriber {
  private readonly logger = new Logger(HubLinkConsumer.name);
  /** Off unless the link is configured. */
  readonly subscription: TransactionalBatchSubscription | undefined;

  constructor(
    private readonly ledger: HubLedger,
    @Inject(HUB_SETTINGS) private readonly settings: HubSettings | undefined,
  ) {
    this.subscription = settings && {
      // One transaction per fetched batch: a backlog (after an outage) is recorded at batch speed, not one commit per event.
      mode: 'transactional-batch',
      group: 'orientation-hub-sante-link',
      topics: [Topics.cases, Topics.appointments],
    };
  }

  @EventPattern(PatientOriented.name)
  patientOriented(@Ctx() { envelope, tx }: DurableEventContext<PayloadOf<typeof PatientOriented>>): Promise<void> {
    return this.oriented(envelope, tx);
  }

  @EventPattern(AppointmentMoved.name)
  appointmentMoved(
    @Payload() move: PayloadOf<typeof AppointmentMoved>,
    @Ctx() { envelope, tx }: DurableEventContext<PayloadOf<typeof AppointmentMoved>>,
  ): Promise<void> {
    return this.changed(envelope, tx, {
      status: 'booked',
      start: hubDateTime(new Date(move.start)),
      end: hubDateTime(new Date(move.end)),
    });
  }

  @EventPattern(AppointmentCancelled.name)
  appointmentCancelled(@Ctx() { envelope, tx }: DurableEventContext<PayloadOf<typeof AppointmentCancelled>>): Promise<void> {
    return this.changed(envelope, tx, { status: 'cancelled' });
  }

  @EventPattern(AppointmentHonoured.name)
  appointmentHonoured(@Ctx() { envelope, tx }: DurableEventContext<PayloadOf<typeof AppointmentHonoured>>): Promise<void> {
    return this.changed(envelope, tx, { status: 'fulfilled' });
  }

  @EventPattern(AppointmentNoShow.name)
  appointmentNoShow(@Ctx() { envelope, tx }: DurableEventContext<PayloadOf<typeof AppointmentNoShow>>): Promise<void> {
    return this.changed(envelope, tx, { status: 'noshow' });
  }

  private async oriented(e: EventEnvelope<PayloadOf<typeof PatientOriented>>, tx: EntityManager): Promise<void> {
    const { appointment } = e.data;
    if (!appointment) return; // the guide's flow carries appointments; other outcomes stay in the SAS
    const category = orientationCategoryOf(e.data.outcome);
    const practitioner = lrmPractitioner(e.data);
    // The account is read in the consumer's own transaction: the event names it by id only.
    const account = e.data.orientedBy ? await tx.getRepository(RegulatorEntity).findOneBy({ id: e.data.orientedBy }) : null;
    const content: LrmAppointment = {
      appointmentId: appointment.appointmentId,
      method: 'CreateAppointment',
      created: hubDateTime(new Date(e.data.orientedAt)),
      start: hubDateTime(new Date(appointment.start)),
      status: 'booked',
      ...(category ? { orientationCategory: category } : {}),
      ...(practitioner ? { practitioner } : {}),
      ...(account ? { regulator: lrmRegulator(account) } : {}),
    };
    await this.record(tx, e, e.data.caseId, e.data.territory, content);
  }

  private async changed(
    e: EventEnvelope<{ appointmentId: string; caseId?: string }>,
    tx: EntityManager,
    change: Omit<LrmAppointmentChange, 'appointmentId' | 'method'>,
  ): Promise<void> {
    // Appointments booked outside a regulation case were never announced to a SAMU.
    if (!e.data.caseId) return;
    await this.record(tx, e, e.data.caseId, null, {
      appointmentId: e.data.appointmentId,
      method: 'UpdateAppointment',
      ...change,
    });
  }

  private async record(
    tx: EntityManager,
    e: EventEnvelope<unknown>,
    caseId: string,
    territory: string | null,
    content: LrmAppointment | LrmAppointmentChange,
  ): Promise<void> {
    const settings = this.settings!;
    const recipient = territory === null ? null : (settings.samuByTerritory.get(territory) ?? null);
    if (territory !== null && !recipient)
      this.logger.warn({ msg: 'no SAMU configured for the territory: message recorded as unroutable', territory, caseId });
    const occurredAt = new Date(e.time);
    await this.ledger.record(tx, {
      distributionId: distributionIdOf(settings.clientId, e.id),
      changeId: e.id,
      caseId,
      appointmentId: content.appointmentId,
      territory,
      recipient,
      content,
      occurredAt,
      expiresAt: new Date(occurredAt.getTime() + settings.messageTtlMs),
    });
  }
}
