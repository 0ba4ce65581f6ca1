import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditTrail, Principal } from '@sas/auth';
import { CaseStepRecorded, DEFAULT_SPECIALTY, PatientOriented, SEARCH_WINDOW_MS } from '@sas/contracts';
import { event, OutboxRelay, OutboxWriter } from '@sas/messaging';
import { Conflict, NotFound } from '@sas/platform';
import { addDays, parisLocalToUtc, utcToParisLocal } from '@sas/referentials';
import { DataSource } from 'typeorm';
import { MatchingClient, SearchAnswer, SearchCriteria } from '../neighbours/matching-client';
import { Booking, HandOverAnswer, SchedulingClient } from '../neighbours/scheduling-client';
import { HandOverRecorder } from '../hand-over/hand-over-recorder';
import { followedSuggestion } from '../pre-triage/pre-triage-protocol';
import { RegulatorsService } from '../regulators/regulators.service';
import { ContactCipher } from '../patient-contact/contact-cipher';
import { contactRetentionMs } from '../patient-contact/contact-erasure.job';
import { keepPractitionerNote } from '../patient-contact/practitioner-note';
import { patientOriented, stepRecorded } from './case-events';
import { lockCase, recordStep, saveCase } from './case-store';
import { allowedActions, checkDecision, checkTransition, nextState, ROLES_FOR } from './case-workflow';
import { CaseSearchDto, OrientationDto } from './case.dto';
import { CaseEntity } from './case.entity';
import { CaseView } from './cases.service';

/**
 * Search and orientation: the SNP operator searches matching with the case's criteria,
 * and the orientation decision books the chosen slot through scheduling. The case stays
 * locked while scheduling answers, so a case is oriented once; when the slot was just
 * taken, nothing is recorded and the search is offered again with the same criteria.
 */
@Injectable()
export class OrientationService {
  private readonly logger = new Logger(OrientationService.name);
  private readonly cipher = ContactCipher.fromEnvironment();
  private readonly retentionMs = contactRetentionMs();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly relay: OutboxRelay,
    private readonly regulators: RegulatorsService,
    private readonly scheduling: SchedulingClient,
    private readonly matching: MatchingClient,
    private readonly audit: AuditTrail,
    private readonly handOvers: HandOverRecorder,
  ) {}

  /** Searches free slots for the case (commune, mode, specialty, window from its urgency). */
  async search(id: string, dto: CaseSearchDto, principal: Principal): Promise<SearchAnswer> {
    const now = new Date();
    const kase = await this.db.getRepository(CaseEntity).findOneBy({ id });
    if (!kase) throw new NotFound(`case ${id} does not exist`);
    const actor = await this.regulators.actor(principal, kase.territory, ROLES_FOR.search, 'search');
    checkTransition(kase, 'search');
    const answer = await this.matching.search(criteriaOf(kase, now, dto), principal.token);
    await this.relay.inTransaction(async (tx) => {
      const result = answer.results.length ? 'slots-found' : 'no-slot-found';
      await recordStep(tx, {
        caseId: id,
        step: 'search',
        result,
        actorId: actor.id,
        actorRole: actor.role,
        details: { criteria: answer.criteria, results: answer.results.length },
        at: now,
      });
      await this.outbox.append(tx, CaseStepRecorded, stepRecorded(kase, 'search', actor.role, now, { result }));
    });
    return answer;
  }

  /** Records the outcome; books the slot first when the outcome books one. */
  async orient(id: string, dto: OrientationDto, principal: Principal): Promise<CaseView> {
    const now = new Date();
    let booking: Booking | undefined;
    try {
      const kase = await this.relay.inTransaction(async (tx) => {
        const kase = await lockCase(tx, id);
        const actor = await this.regulators.actor(principal, kase.territory, ROLES_FOR.orientation, 'orient', tx);
        checkTransition(kase, 'orientation');
        checkDecision(kase, dto);
        await keepPractitionerNote(tx, kase, dto.practitionerNote, this.cipher, this.retentionMs);
        const reorientation = kase.outcome !== null;
        const answer = dto.slotId ? await this.book(kase, dto, principal, now) : undefined;
        // A vendor-hosted slot is booked on the vendor's page: the case waits for the vendor's confirmation.
        if (answer && 'handOver' in answer)
          return this.handOvers.record(tx, kase, dto, answer, { actor, principal, reorientation, now });
        booking = answer;
        const practitionerRpps =
          booking?.practitionerRpps ??
          dto.practitionerRpps ??
          (dto.outcome === 'treating-doctor' ? kase.treatingDoctorRpps : null);
        const structureId = booking?.structureId ?? dto.structureId ?? null;
        await saveCase(
          tx,
          kase,
          {
            state: nextState(kase, { type: 'oriented' }).state,
            outcome: dto.outcome,
            followedSuggestion: followedSuggestion(kase.suggestedOutcome, dto.outcome),
            orientedAt: now,
            appointmentId: booking?.id ?? null,
            appointmentSlotId: booking?.slotId ?? null,
            appointmentStart: booking ? new Date(booking.start) : null,
            appointmentPractitioner: booking?.practitioner ?? null,
            orientedBy: actor.id,
            ...(booking ? { mode: booking.mode } : {}),
          },
          now,
        );
        await recordStep(tx, {
          caseId: id,
          step: 'orientation',
          result: dto.outcome,
          actorId: actor.id,
          actorRole: actor.role,
          details: {
            slotId: dto.slotId,
            appointmentId: booking?.id,
            practitionerRpps,
            structureId,
            noSolutionReason: dto.noSolutionReason,
            suggestedOutcome: kase.suggestedOutcome ?? undefined,
            followedSuggestion: kase.followedSuggestion ?? undefined,
            note: dto.note,
          },
          at: now,
        });
        const booked = booking && {
          appointmentId: booking.id,
          slotId: booking.slotId,
          practitionerId: booking.practitionerId,
          start: new Date(booking.start),
          mode: booking.mode,
        };
        await this.outbox.appendAll(tx, [
          event(
            PatientOriented,
            patientOriented(kase, reorientation, booked, {
              practitionerRpps,
              structureId,
              noSolutionReason: dto.noSolutionReason,
              practitioner: booking?.practitioner ?? null,
              orientedBy: actor.id,
            }),
          ),
        ]);
        await this.audit.record(tx, principal, {
          action: reorientation ? 're-oriented' : 'oriented',
          targetType: 'case',
          targetId: id,
          territory: kase.territory,
          detail: { outcome: dto.outcome, appointmentId: booking?.id, account: actor.id },
        });
        return kase;
      });
      return { ...kase, allowedActions: allowedActions(kase) };
    } catch (error) {
      // Booked but not recorded (database failure at commit): give the slot back.
      if (booking)
        await this.scheduling.cancel(booking.id, principal.token).catch((e) =>
          this.logger.error({
            msg: 'could not undo an unrecorded booking',
            appointmentId: booking!.id,
            error: (e as Error).message,
          }),
        );
      throw error;
    }
  }

  private async book(kase: CaseEntity, dto: OrientationDto, principal: Principal, now: Date): Promise<Booking | HandOverAnswer> {
    try {
      return await this.scheduling.book(
        { slotId: dto.slotId!, caseId: kase.id, territory: kase.territory, mode: dto.mode ?? kase.mode ?? undefined },
        principal.token,
      );
    } catch (error) {
      if (!(error instanceof Conflict)) throw error;
      // The slot was just taken: the case stays as it was; offer the same search again.
      const criteria = criteriaOf(kase, now);
      const search = await this.matching
        .search(criteria, principal.token)
        .catch(() => ({ criteria, results: [] as SearchAnswer['results'], unavailable: true }));
      throw new Conflict(error.reason, `${error.message}; the case is still open, choose another slot`, {
        caseState: kase.state,
        search: { ...search, results: search.results.filter((r) => r.slotId !== dto.slotId) },
      });
    }
  }
}

/**
 * The search a case calls for: from where the patient is now (else their commune), its mode
 * and specialty, within its urgency's window, with its equity needs: an interpreter for
 * the patient's language when they need one, their cover (ordinary cover filters nothing),
 * their accessibility needs.
 */
export function criteriaOf(kase: CaseEntity, now: Date, dto: CaseSearchDto = {}): SearchCriteria {
  return {
    commune: kase.currentCommuneCode ?? kase.communeCode,
    ...(kase.interpreterNeeded && kase.language ? { interpreterFor: kase.language } : {}),
    ...(kase.coverStatus && kase.coverStatus !== 'ordinary' ? { cover: kase.coverStatus } : {}),
    ...(kase.accessibilityNeeds.length ? { accessibility: kase.accessibilityNeeds.join(',') } : {}),
    ...(kase.mode ? { mode: kase.mode } : {}),
    specialty: kase.specialty ?? DEFAULT_SPECIALTY,
    from: now.toISOString(),
    to: windowEnd(kase.urgency, now).toISOString(),
    ...(dto.radiusKm ? { radiusKm: dto.radiusKm } : {}),
    ...(dto.limit ? { limit: dto.limit } : {}),
  };
}

function windowEnd(urgency: CaseEntity['urgency'], now: Date): Date {
  if (urgency === 'within-2h') return new Date(now.getTime() + 2 * 3600_000);
  if (urgency === 'same-day') return parisLocalToUtc(addDays(utcToParisLocal(now).date, 1), '00:00');
  return new Date(now.getTime() + SEARCH_WINDOW_MS);
}
