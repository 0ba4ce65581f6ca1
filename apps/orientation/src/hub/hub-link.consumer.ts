import { Inject, Injectable, Logger } from '@nestjs/common';
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
import { ConsumerRegistry, handle } from '@sas/messaging';
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
@Injectable()
export class HubLinkConsumer {
  private readonly logger = new Logger(HubLinkConsumer.name);

  constructor(
    registry: ConsumerRegistry,
    private readonly ledger: HubLedger,
    @Inject(HUB_SETTINGS) private readonly settings: HubSettings | undefined,
  ) {
    if (!settings) return;
    registry.register({
      groupId: 'orientation-hub-sante-link',
      // One transaction per fetched batch: a backlog (after an outage) is recorded at batch speed, not one commit per event.
      transactionalBatches: true,
      topics: [Topics.cases, Topics.appointments],
      handlers: new Map([
        handle(PatientOriented, (e, tx) => this.oriented(e, tx!)),
        handle(AppointmentMoved, (e, tx) =>
          this.changed(e, tx!, {
            status: 'booked',
            start: hubDateTime(new Date(e.data.start)),
            end: hubDateTime(new Date(e.data.end)),
          }),
        ),
        handle(AppointmentCancelled, (e, tx) => this.changed(e, tx!, { status: 'cancelled' })),
        handle(AppointmentHonoured, (e, tx) => this.changed(e, tx!, { status: 'fulfilled' })),
        handle(AppointmentNoShow, (e, tx) => this.changed(e, tx!, { status: 'noshow' })),
      ]),
    });
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
