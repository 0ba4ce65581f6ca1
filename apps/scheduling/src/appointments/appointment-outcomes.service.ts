import { Injectable } from '@nestjs/common';
import { AppointmentHonoured, AppointmentNoShow, dropUndefined } from '@sas/contracts';
import { assertRegulatorMay, AuditTrail, Principal } from '@sas/auth';
import { OutboxRelay, OutboxWriter } from '@sas/messaging';
import { Conflict, Forbidden, InvalidInput, NotFound } from '@sas/platform';
import { EntityManager } from 'typeorm';
import { assertOwnAgenda } from '../access/ownership';
import { appointmentRef } from './appointment-events';
import { AppointmentEntity } from './appointment.entity';
import { ReportOutcomesDto } from './appointment-outcome.dto';
import { lockAppointment, territoryOf } from './booked-appointment';
import { decideOutcome, OutcomeDetails, ReportedOutcome } from './outcome-rules';

/** One item of a bulk report as answered: recorded now, or already recorded the same way before. */
export interface OutcomeResult {
  index: number;
  appointmentId: string;
  outcome: ReportedOutcome;
  result: 'recorded' | 'unchanged';
  performingPractitionerRpps: string | null;
}

/**
 * Outcomes as practices report them: one appointment at a time, or a day's list at once.
 * A list is all or nothing, in one transaction: an item that cannot be recorded refuses the
 * whole list (400 naming `outcomes.<index>.<field>`; 403, 404 or 409 naming `outcomes.<index>`)
 * and nothing is recorded, so a practice never has to work out which part of its day went
 * through. An item already recorded with the same outcome, practitioner and reason is
 * answered `unchanged`: sending the same list again after a lost answer is harmless.
 */
@Injectable()
export class AppointmentOutcomesService {
  constructor(
    private readonly outbox: OutboxWriter,
    private readonly relay: OutboxRelay,
    private readonly audit: AuditTrail,
  ) {}

  /** One outcome (POST /appointments/:id/honoured | no-show): a second report of the appointment is a 409. */
  report(id: string, outcome: ReportedOutcome, details: OutcomeDetails, actor: Principal, now = new Date()) {
    return this.relay.inTransaction(
      async (tx) => (await this.record(tx, id, outcome, details, actor, now, 'strict')).appointment,
    );
  }

  /** A day's outcomes at once (POST /appointments/outcomes): all or nothing, see above. */
  async reportAll(dto: ReportOutcomesDto, actor: Principal, now = new Date()): Promise<{ outcomes: OutcomeResult[] }> {
    const seen = new Map<string, number>();
    dto.outcomes.forEach((item, index) => {
      const first = seen.get(item.appointmentId);
      if (first !== undefined) throw InvalidInput.field(`outcomes.${index}.appointmentId`, `already given in outcomes.${first}`);
      seen.set(item.appointmentId, index);
    });
    // Locked in id order: two lists sharing appointments never wait on each other in a cycle.
    const ordered = dto.outcomes.map((item, index) => ({ item, index }));
    ordered.sort((a, b) => (a.item.appointmentId < b.item.appointmentId ? -1 : 1));
    const results = await this.relay.inTransaction(async (tx) => {
      const done: OutcomeResult[] = [];
      for (const { item, index } of ordered) {
        const { appointment, result } = await this.record(
          tx,
          item.appointmentId,
          item.outcome,
          item,
          actor,
          now,
          'repeatable',
        ).catch((error: unknown) => {
          throw atItem(error, index);
        });
        done.push({
          index,
          appointmentId: appointment.id,
          outcome: item.outcome,
          result,
          performingPractitionerRpps: appointment.performingPractitionerRpps,
        });
      }
      return done;
    });
    return { outcomes: results.sort((a, b) => a.index - b.index) };
  }

  /**
   * Records one outcome in the caller's transaction: the appointment's status, who saw the
   * patient and why they did not come, its event and its audit row. `repeatable` answers the
   * same report made before as `unchanged` instead of a 409.
   */
  private async record(
    tx: EntityManager,
    id: string,
    outcome: ReportedOutcome,
    details: OutcomeDetails,
    actor: Principal,
    now: Date,
    repeat: 'strict' | 'repeatable',
  ): Promise<{ appointment: AppointmentEntity; result: OutcomeResult['result'] }> {
    const { appointment, slot, place } = await lockAppointment(tx, id);
    await assertOwnAgenda(tx, actor, slot, `appointment ${id}`);
    const territory = territoryOf(appointment, place);
    assertRegulatorMay(actor, 'book', territory);
    const decide = async () =>
      decideOutcome(outcome, details, {
        practitionerRpps: await practitionerRppsOf(tx, slot.practitionerId),
        hasPractitioner: !!slot.practitionerId,
      });
    if (appointment.status !== 'booked') {
      if (repeat === 'repeatable' && appointment.status === outcome) {
        const again = await decide();
        if (
          again.accepted &&
          appointment.performingPractitionerRpps === again.performingPractitionerRpps &&
          appointment.noShowReason === again.reason
        )
          return { appointment, result: 'unchanged' };
      }
      throw new Conflict(`appointment-${appointment.status}`, `appointment ${id} is ${appointment.status}`, {
        appointmentStatus: appointment.status,
      });
    }
    const decision = await decide();
    if (!decision.accepted) throw InvalidInput.field(decision.field, decision.why);
    const change = {
      status: outcome,
      performingPractitionerRpps: decision.performingPractitionerRpps,
      noShowReason: decision.reason,
    } as const;
    await tx.getRepository(AppointmentEntity).update(appointment.id, change);
    Object.assign(appointment, change);
    const payload = dropUndefined({
      ...appointmentRef(appointment, slot, place),
      performingPractitionerRpps: decision.performingPractitionerRpps ?? undefined,
      reportedAt: now.toISOString(),
    });
    if (outcome === 'honoured') await this.outbox.append(tx, AppointmentHonoured, payload);
    else await this.outbox.append(tx, AppointmentNoShow, dropUndefined({ ...payload, reason: decision.reason ?? undefined }));
    await this.audit.record(tx, actor, {
      action: outcome,
      targetType: 'appointment',
      targetId: appointment.id,
      territory,
      detail: dropUndefined({
        performingPractitionerRpps: decision.performingPractitionerRpps ?? undefined,
        reason: decision.reason ?? undefined,
      }),
    });
    return { appointment, result: 'recorded' };
  }
}

/** The RPPS of a slot's practitioner; null for a structure's slot without one (or an ADELI-only practitioner). */
async function practitionerRppsOf(tx: EntityManager, practitionerId: string | null): Promise<string | null> {
  if (!practitionerId) return null;
  const [row] = (await tx.query(`SELECT rpps FROM scheduling.practitioner WHERE id = $1`, [practitionerId])) as {
    rpps: string | null;
  }[];
  return row?.rpps ?? null;
}

/** An item's failure, named by its place in the list: the field's path for bad input, the index otherwise. */
function atItem(error: unknown, index: number): unknown {
  const at = `outcomes.${index}`;
  if (error instanceof InvalidInput)
    return new InvalidInput(
      error.errors.map((e) => ({ field: e.field.startsWith(at) ? e.field : `${at}.${e.field}`, reason: e.reason })),
    );
  // An id that names no appointment is a wrong field of the list, not a missing resource of the URL.
  if (error instanceof NotFound) return InvalidInput.field(`${at}.appointmentId`, error.message);
  if (error instanceof Forbidden) return new Forbidden(`${at}: ${error.message}`);
  if (error instanceof Conflict) return new Conflict(error.reason, `${at}: ${error.message}`, { ...error.details, index });
  return error;
}
