import { Injectable } from '@nestjs/common';
import { dropUndefined, PayloadOf, PlaceRetired, PractitionerRetired, SlotWithdrawn } from '@sas/contracts';
import { OutboxRelay, OutboxWriter } from '@sas/messaging';
import { Conflict, NotFound } from '@sas/platform';
import { EntityManager } from 'typeorm';
import { withdrawnRowsPayloads } from '../slots/slot-events';
import { withdrawalReasonOf, withdrawFreeSlotsOf } from '../slots/slot-transitions';
import { placeOwnerId } from './directory-events';

type KeptAppointment = PayloadOf<typeof PlaceRetired>['keptAppointments'][number];

/** What a retirement did, as its event says it and the endpoint answers it. */
export interface RetirementOutcome {
  retiredAt: string;
  slotsWithdrawn: number;
  openingRulesStopped: number;
  keptAppointments: KeptAppointment[];
}

type Column = 'place_id' | 'practitioner_id';

/**
 * Retires a place or a practitioner, in one transaction: the record is marked (it takes no
 * new slot, see ContextCache), its opening rules stop, its future free slots are withdrawn
 * through the slot lifecycle (one slot-withdrawn each), and its future SAS appointments are
 * kept and listed in one place-retired / practitioner-retired event, so that the practice
 * is told which patients still come (docs/directory-lifecycle.md).
 */
@Injectable()
export class RetirementService {
  constructor(
    private readonly outbox: OutboxWriter,
    private readonly relay: OutboxRelay,
  ) {}

  retirePlace(id: string, now = new Date()): Promise<RetirementOutcome> {
    return this.relay.inTransaction(async (tx) => {
      const [place] = await tx.query(
        `UPDATE scheduling.place SET retired_at = $2, revision = revision + 1 WHERE id = $1 AND retired_at IS NULL
          RETURNING practitioner_id, structure_id, revision`,
        [id, now],
      );
      if (!place?.length) await this.refuse(tx, 'place', id);
      const { practitioner_id, structure_id, revision } = place[0];
      const outcome = await this.closeAgenda(tx, 'place_id', id, now);
      await this.outbox.append(
        tx,
        PlaceRetired,
        dropUndefined({
          ownerId: placeOwnerId({ practitionerId: practitioner_id, structureId: structure_id }),
          placeId: id,
          practitionerId: practitioner_id ?? undefined,
          structureId: structure_id ?? undefined,
          revision,
          ...outcome,
        }),
      );
      return outcome;
    });
  }

  retirePractitioner(id: string, now = new Date()): Promise<RetirementOutcome> {
    return this.relay.inTransaction(async (tx) => {
      const [practitioner] = await tx.query(
        `UPDATE scheduling.practitioner SET retired_at = $2, revision = revision + 1 WHERE id = $1 AND retired_at IS NULL
          RETURNING revision`,
        [id, now],
      );
      if (!practitioner?.length) await this.refuse(tx, 'practitioner', id);
      const outcome = await this.closeAgenda(tx, 'practitioner_id', id, now);
      await this.outbox.append(tx, PractitionerRetired, {
        ownerId: id,
        practitionerId: id,
        revision: practitioner[0].revision,
        ...outcome,
      });
      return outcome;
    });
  }

  /** 404 for a record that does not exist, 409 for one retired already. */
  private async refuse(tx: EntityManager, table: 'place' | 'practitioner', id: string): Promise<never> {
    const [row] = await tx.query(`SELECT retired_at FROM scheduling.${table} WHERE id = $1`, [id]);
    if (!row) throw new NotFound(`${table} ${id} does not exist`);
    throw new Conflict(`${table}-retired`, `${table} ${id} was retired on ${(row.retired_at as Date).toISOString()}`);
  }

  /** Stops the opening rules, withdraws the future free slots, lists the future SAS appointments. */
  private async closeAgenda(tx: EntityManager, column: Column, id: string, now: Date): Promise<RetirementOutcome> {
    const [, openingRulesStopped]: [unknown[], number] = await tx.query(
      `UPDATE scheduling.opening_rule SET active = false WHERE ${column} = $1 AND active`,
      [id],
    );
    const withdrawn = await withdrawFreeSlotsOf(tx, column, id, now);
    await this.outbox.appendMany(tx, SlotWithdrawn, withdrawnRowsPayloads(withdrawn, withdrawalReasonOf('withdraw')));
    const kept: {
      id: string;
      slot_id: string;
      owner_id: string;
      place_id: string;
      case_id: string | null;
      start_at: Date;
      end_at: Date;
    }[] = await tx.query(
      `SELECT a.id, a.slot_id, s.owner_id, s.place_id, a.case_id, s.start_at, s.end_at
           FROM scheduling.appointment a JOIN scheduling.slot s ON s.id = a.slot_id
          WHERE s.${column} = $1 AND a.status = 'booked' AND s.start_at > $2
          ORDER BY s.start_at, a.id`,
      [id, now],
    );
    return {
      retiredAt: now.toISOString(),
      slotsWithdrawn: withdrawn.length,
      openingRulesStopped,
      keptAppointments: kept.map((a) =>
        dropUndefined({
          appointmentId: a.id,
          slotId: a.slot_id,
          ownerId: a.owner_id,
          placeId: a.place_id,
          caseId: a.case_id ?? undefined,
          start: a.start_at.toISOString(),
          end: a.end_at.toISOString(),
        }),
      ),
    };
  }
}
