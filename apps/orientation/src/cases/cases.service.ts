import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditTrail, Principal } from '@sas/auth';
import { CaseOpened, CaseStepRecorded, DEFAULT_SPECIALTY } from '@sas/contracts';
import { event, OutboxRelay, OutboxWriter } from '@sas/messaging';
import { InvalidInput, NotFound } from '@sas/platform';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { Suggestion } from '../pre-triage/pre-triage-protocol';
import { PreTriageService } from '../pre-triage/pre-triage.service';
import { ContactCipher, PatientContact } from '../patient-contact/contact-cipher';
import { contactRetentionMs } from '../patient-contact/contact-erasure.job';
import { RegulatorEntity } from '../regulators/regulator.entity';
import { RegulatorsService } from '../regulators/regulators.service';
import { stepRecorded } from './case-events';
import { lockCase, recordStep, saveCase } from './case-store';
import { allowedActions, CaseAction, checkTransition, nextState, OPENING_STATE, ROLES_FOR } from './case-workflow';
import { AssessmentDto, ListCasesQuery, OpenCaseDto, TreatingDoctorAttemptDto, TriageDto } from './case.dto';
import { CaseEntity, CaseStepEntity } from './case.entity';

/** A case as answered: its file without the patient's contact, its steps and what can be done next. */
export type CaseView = CaseEntity & { hasPatientContact?: boolean; allowedActions: CaseAction[]; steps?: CaseStepEntity[] };

/** Regulation cases through the chain: open, triage, assessment, treating-doctor attempt. */
@Injectable()
export class CasesService {
  private readonly cipher = ContactCipher.fromEnvironment();
  private readonly retentionMs = contactRetentionMs();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly relay: OutboxRelay,
    private readonly regulators: RegulatorsService,
    private readonly audit: AuditTrail,
    private readonly preTriage: PreTriageService,
  ) {}

  async open(dto: OpenCaseDto, principal: Principal, now = new Date()): Promise<CaseView> {
    const actor = await this.regulators.actor(principal, dto.territory, ROLES_FOR.open, 'open a case');
    const callReceivedAt = dto.callReceivedAt ? new Date(dto.callReceivedAt) : now;
    if (callReceivedAt.getTime() > now.getTime() + 60_000) throw InvalidInput.field('callReceivedAt', 'is in the future');
    if (dto.treatingDoctorRpps && !dto.hasTreatingDoctor)
      throw InvalidInput.field('treatingDoctorRpps', 'given while hasTreatingDoctor is false');
    if (dto.interpreterNeeded && !dto.language)
      throw InvalidInput.field('language', 'an interpreter need names the language (ISO 639)');
    if (dto.interpreterNeeded && dto.language === 'fr')
      throw InvalidInput.field('language', 'a patient speaking French needs no interpreter');
    const contact =
      dto.patientContact && (dto.patientContact.name || dto.patientContact.phone)
        ? (dto.patientContact as PatientContact)
        : undefined;
    const kase = Object.assign(new CaseEntity(), {
      id: randomUUID(),
      territory: dto.territory,
      channel: dto.channel,
      communeCode: dto.communeCode,
      ageBand: dto.ageBand,
      sex: dto.sex ?? null,
      reasonCategory: dto.reasonCategory,
      hasTreatingDoctor: dto.hasTreatingDoctor,
      treatingDoctorRpps: dto.treatingDoctorRpps ?? null,
      callReceivedAt,
      language: dto.language ?? null,
      interpreterNeeded: dto.interpreterNeeded ?? false,
      accessibilityNeeds: dto.accessibilityNeeds ?? [],
      coverStatus: dto.coverStatus ?? null,
      currentCommuneCode: dto.currentCommuneCode ?? null,
      suggestedOutcome: null,
      suggestedUrgency: null,
      suggestedMode: null,
      followedSuggestion: null,
      state: OPENING_STATE,
      consultationNeeded: null,
      urgency: null,
      mode: null,
      specialty: null,
      treatingDoctorTried: false,
      outcome: null,
      orientedAt: null,
      appointmentId: null,
      appointmentSlotId: null,
      appointmentStart: null,
      appointmentPractitioner: null,
      handOverAt: null,
      handOverUrl: null,
      orientedBy: null,
      revision: 1,
      openedBy: actor.id,
      updatedAt: now,
    } satisfies Omit<CaseEntity, 'patientContact' | 'contactEraseAfter'>);
    await this.relay.inTransaction(async (tx) => {
      await tx.getRepository(CaseEntity).insert({
        ...kase,
        patientContact: contact ? this.cipher.seal(contact) : null,
        contactEraseAfter: contact ? new Date(callReceivedAt.getTime() + this.retentionMs) : null,
      });
      await recordStep(tx, { caseId: kase.id, step: 'taken', actorId: actor.id, actorRole: actor.role, at: now });
      await this.outbox.appendAll(tx, [
        event(CaseOpened, {
          caseId: kase.id,
          territory: kase.territory,
          channel: kase.channel,
          communeCode: kase.communeCode,
          ageBand: dto.ageBand,
          reasonCategory: kase.reasonCategory,
          hasTreatingDoctor: kase.hasTreatingDoctor,
          callReceivedAt: callReceivedAt.toISOString(),
        }),
        event(CaseStepRecorded, stepRecorded(kase, 'taken', actor.role, now)),
      ]);
    });
    return { ...kase, hasPatientContact: contact !== undefined, allowedActions: allowedActions(kase) };
  }

  /**
   * Triage: life-threatening → emergency regulation; otherwise → the GP regulator, with what
   * the territory's pre-triage protocol suggests for the call's reason (recorded on the case
   * and answered as `preTriage`; null when the protocol suggests nothing).
   */
  async triage(id: string, dto: TriageDto, principal: Principal): Promise<CaseView & { preTriage: Suggestion | null }> {
    let preTriage: Suggestion | null = null;
    const view = await this.act(id, principal, 'triage', async (tx, kase, actor, now) => {
      const { state: result } = nextState(kase, { type: 'triaged', lifeThreatening: dto.lifeThreatening });
      // An emergency is not pre-triaged: the protocol sorts unscheduled care, not the SAMU's calls.
      preTriage = dto.lifeThreatening
        ? null
        : ((await this.preTriage.suggestion(tx, kase.territory, kase.reasonCategory)) ?? null);
      await saveCase(
        tx,
        kase,
        {
          state: result,
          suggestedOutcome: preTriage?.outcome ?? null,
          suggestedUrgency: preTriage?.urgency ?? null,
          suggestedMode: preTriage?.mode ?? null,
        },
        now,
      );
      return { result, details: preTriage ? { preTriage } : undefined };
    });
    return { ...view, preTriage };
  }

  /** The GP regulator's assessment: whether a consultation is needed, how urgent, which mode and specialty. */
  assessment(id: string, dto: AssessmentDto, principal: Principal): Promise<CaseView> {
    if (dto.consultationNeeded && !dto.urgency) throw InvalidInput.field('urgency', 'a consultation needs an urgency');
    if (!dto.consultationNeeded && (dto.urgency || dto.mode))
      throw InvalidInput.field(dto.urgency ? 'urgency' : 'mode', 'only a needed consultation has one');
    return this.act(id, principal, 'assessment', async (tx, kase, actor, now) => {
      await saveCase(
        tx,
        kase,
        {
          state: nextState(kase, { type: 'assessed' }).state,
          consultationNeeded: dto.consultationNeeded,
          urgency: dto.urgency ?? null,
          mode: dto.mode ?? null,
          specialty: dto.consultationNeeded ? (dto.specialty ?? DEFAULT_SPECIALTY) : null,
        },
        now,
      );
      return {
        result: dto.consultationNeeded ? 'consultation-needed' : 'no-consultation',
        details: { specialty: kase.specialty },
      };
    });
  }

  /** The attempt to reach the patient's own doctor, required before booking another. */
  treatingDoctorAttempt(id: string, dto: TreatingDoctorAttemptDto, principal: Principal): Promise<CaseView> {
    return this.act(id, principal, 'treating-doctor-attempt', async (tx, kase, actor, now) => {
      if (!kase.hasTreatingDoctor) throw InvalidInput.field('result', 'the patient has no treating doctor to try');
      await saveCase(tx, kase, { treatingDoctorTried: true }, now);
      return { result: dto.result };
    });
  }

  async get(id: string, principal: Principal): Promise<CaseView> {
    const kase = await this.find(id);
    await this.regulators.actor(
      principal,
      kase.territory,
      ['call-taker', 'gp-regulator', 'snp-operator', 'supervisor'],
      'read cases',
    );
    const steps = await this.db.getRepository(CaseStepEntity).find({ where: { caseId: id }, order: { id: 'ASC' } });
    const [{ has }] = await this.db.query(
      `SELECT patient_contact IS NOT NULL AS has FROM orientation.regulation_case WHERE id = $1`,
      [id],
    );
    return { ...kase, hasPatientContact: has, allowedActions: allowedActions(kase), steps };
  }

  /** Cases of a territory, newest call first; never with patient contact details. */
  async list(query: ListCasesQuery, principal: Principal): Promise<CaseView[]> {
    await this.regulators.actor(
      principal,
      query.territory,
      ['call-taker', 'gp-regulator', 'snp-operator', 'supervisor'],
      'list cases',
    );
    const cases = await this.db.getRepository(CaseEntity).find({
      where: { territory: query.territory, ...(query.state ? { state: query.state } : {}) },
      order: { callReceivedAt: 'DESC' },
      take: query.limit ?? 50,
    });
    return cases.map((c) => ({ ...c, allowedActions: allowedActions(c) }));
  }

  /**
   * The patient's contact, to call back. Each reading is recorded in the case's steps and
   * in the append-only audit trail (the steps can be changed; the trail cannot), in the
   * transaction that reads it: no reading goes unrecorded.
   */
  async contact(id: string, principal: Principal, now = new Date()): Promise<PatientContact> {
    const kase = await this.find(id);
    const actor = await this.regulators.actor(
      principal,
      kase.territory,
      ['call-taker', 'gp-regulator', 'snp-operator', 'supervisor'],
      'read patient contact',
    );
    const sealed = await this.db.transaction(async (tx) => {
      const [row] = await tx.query(`SELECT patient_contact FROM orientation.regulation_case WHERE id = $1`, [id]);
      if (!row?.patient_contact) throw new NotFound(`case ${id} has no patient contact (none given, or erased after retention)`);
      await recordStep(tx, { caseId: id, step: 'contact-read', actorId: actor.id, actorRole: actor.role, at: now });
      await this.audit.record(tx, principal, {
        action: 'contact-read',
        targetType: 'case',
        targetId: id,
        territory: kase.territory,
      });
      return row.patient_contact as Buffer;
    });
    return this.cipher.open<PatientContact>(sealed);
  }

  async find(id: string): Promise<CaseEntity> {
    const kase = await this.db.getRepository(CaseEntity).findOneBy({ id });
    if (!kase) throw new NotFound(`case ${id} does not exist`);
    return kase;
  }

  /**
   * One step of the chain on a locked case: the actor may take it, the state allows it,
   * the change, its step row and its event commit together.
   */
  private async act(
    id: string,
    principal: Principal,
    action: CaseAction,
    change: (
      tx: EntityManager,
      kase: CaseEntity,
      actor: RegulatorEntity,
      now: Date,
    ) => Promise<{ result: string; details?: Record<string, unknown> }>,
  ): Promise<CaseView> {
    const now = new Date();
    const kase = await this.relay.inTransaction(async (tx) => {
      const kase = await lockCase(tx, id);
      const actor = await this.regulators.actor(principal, kase.territory, ROLES_FOR[action], action, tx);
      checkTransition(kase, action);
      const { result, details } = await change(tx, kase, actor, now);
      await recordStep(tx, { caseId: id, step: action, result, actorId: actor.id, actorRole: actor.role, details, at: now });
      await this.outbox.append(tx, CaseStepRecorded, stepRecorded(kase, action, actor.role, now, { result }));
      return kase;
    });
    return { ...kase, allowedActions: allowedActions(kase) };
  }
}
