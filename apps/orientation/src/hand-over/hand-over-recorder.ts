import { Injectable } from '@nestjs/common';
import { AuditTrail, Principal } from '@sas/auth';
import { CaseStepRecorded } from '@sas/contracts';
import { OutboxWriter } from '@sas/messaging';
import { EntityManager } from 'typeorm';
import { stepRecorded } from '../cases/case-events';
import { recordStep, saveCase } from '../cases/case-store';
import { nextState } from '../cases/case-workflow';
import { OrientationDto } from '../cases/case.dto';
import { CaseEntity } from '../cases/case.entity';
import { HandOverAnswer } from '../neighbours/scheduling-client';
import { RegulatorEntity } from '../regulators/regulator.entity';

/** The step that records a hand-over; the vendor's confirmation reads its outcome back. */
export const HAND_OVER_STEP = 'vendor-hand-over';

export interface HandOverStepDetails {
  slotId: string;
  vendor: string;
  outcome: string;
  reorientation: boolean;
  practitionerRpps: string | null;
  structureId: string | null;
  note?: string;
}

/**
 * An orientation to a vendor-hosted slot: scheduling answered with the vendor's booking
 * page, so the case waits for the vendor's confirmation (`awaiting-vendor-confirmation`).
 * The outcome is recorded with the step and becomes the case's when the vendor confirms;
 * no patient-oriented event until then (nothing is booked yet).
 */
@Injectable()
export class HandOverRecorder {
  constructor(
    private readonly outbox: OutboxWriter,
    private readonly audit: AuditTrail,
  ) {}

  async record(
    tx: EntityManager,
    kase: CaseEntity,
    dto: OrientationDto,
    answer: HandOverAnswer,
    by: { actor: RegulatorEntity; principal: Principal; reorientation: boolean; now: Date },
  ): Promise<CaseEntity> {
    const { actor, now } = by;
    await saveCase(
      tx,
      kase,
      {
        state: nextState(kase, { type: 'handed-over' }).state,
        appointmentId: null,
        appointmentSlotId: answer.slotId,
        appointmentStart: new Date(answer.start),
        appointmentPractitioner: answer.practitioner ?? null,
        orientedBy: actor.id,
        handOverAt: now,
        handOverUrl: answer.handOver.url,
        mode: answer.mode,
      },
      now,
    );
    const details: HandOverStepDetails = {
      slotId: answer.slotId,
      vendor: answer.handOver.vendor,
      outcome: dto.outcome,
      reorientation: by.reorientation,
      practitionerRpps: answer.practitionerRpps ?? dto.practitionerRpps ?? null,
      structureId: answer.structureId ?? dto.structureId ?? null,
      ...(dto.note && { note: dto.note }),
    };
    await recordStep(tx, {
      caseId: kase.id,
      step: HAND_OVER_STEP,
      result: dto.outcome,
      actorId: actor.id,
      actorRole: actor.role,
      details: { ...details },
      at: now,
    });
    await this.outbox.append(tx, CaseStepRecorded, stepRecorded(kase, HAND_OVER_STEP, actor.role, now, { result: dto.outcome }));
    await this.audit.record(tx, by.principal, {
      action: 'handed-over',
      targetType: 'case',
      targetId: kase.id,
      territory: kase.territory,
      detail: { outcome: dto.outcome, slotId: answer.slotId, vendor: answer.handOver.vendor, account: actor.id },
    });
    return kase;
  }
}
