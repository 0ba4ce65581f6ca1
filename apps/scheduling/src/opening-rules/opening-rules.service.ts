import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { SlotPublished, SlotWithdrawn } from '@sas/contracts';
import { OutboxRelay, OutboxWriter } from '@sas/messaging';
import { InvalidInput, NotFound } from '@sas/platform';
import { readSettings } from '@sas/settings';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { DirectoryService } from '../directory/directory.service';
import { OPENING_RULE_SETTINGS } from '../settings';
import { ContextCache } from '../slots/slot-context';
import { slotStatePayload, SlotContext, slotWithdrawnPayload } from '../slots/slot-events';
import { buildSlot, SlotAttributes } from '../slots/slot-factory';
import { insertSlots } from '../slots/slot-store';
import { slotGuardSql, slotTransitionSetSql, withdrawalReasonOf } from '../slots/slot-transitions';
import { expandOpeningRule } from './expand-opening-rule';
import { checkOpeningRule, OpeningRule } from './opening-rule';
import { CreateOpeningRuleDto } from './opening-rule.dto';

const DAY_MS = 86400_000;

interface StoredRule {
  id: string;
  practitioner_id: string | null;
  structure_id: string | null;
  place_id: string;
  rule: OpeningRule;
  slot_attributes: SlotAttributes;
  expanded_until: Date | null;
}

/**
 * Recurring opening rules, expanded into free slots up to a rolling horizon (14 days
 * by default). Expansion is idempotent: a slot already generated for a rule and start,
 * or one overlapping a slot the practitioner published by hand, is skipped.
 */
@Injectable()
export class OpeningRulesService {
  readonly horizonDays = readSettings(OPENING_RULE_SETTINGS).OPENING_RULE_HORIZON_DAYS;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly directory: DirectoryService,
    private readonly outbox: OutboxWriter,
    private readonly relay: OutboxRelay,
  ) {}

  async create(dto: CreateOpeningRuleDto, now = new Date()): Promise<{ id: string; slotsCreated: number }> {
    const rule: OpeningRule = {
      weekdays: dto.weekdays,
      periods: dto.periods.map(({ start, end }) => ({ start, end })),
      slotMinutes: dto.slotMinutes,
      validFrom: dto.validFrom,
      validUntil: dto.validUntil,
      exceptions: (dto.exceptions ?? []).map(({ from, to, reason }) => ({ from, to, reason })),
      closedOnPublicHolidays: dto.closedOnPublicHolidays ?? false,
    };
    const errors = checkOpeningRule(rule);
    if (errors.length) throw new InvalidInput(errors);
    const resolved = await new ContextCache(this.directory).resolve(dto, (name) => name);
    if ('errors' in resolved) throw new InvalidInput(resolved.errors);
    const { context } = resolved;
    const attributes: SlotAttributes = {
      visibility: dto.visibility,
      modes: dto.modes,
      appointmentType: dto.appointmentType,
      specialties: dto.specialties,
      bookingUrl: dto.bookingUrl,
      acceptsBeyondSlots: dto.acceptsBeyondSlots,
    };
    const id = randomUUID();
    const slotsCreated = await this.inTransaction(async (tx) => {
      await tx.query(
        `INSERT INTO scheduling.opening_rule (id, owner_id, practitioner_id, structure_id, place_id, rule, slot_attributes)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          id,
          context.practitioner?.id ?? context.structure!.id,
          context.practitioner?.id ?? null,
          context.structure?.id ?? null,
          context.place.id,
          rule,
          attributes,
        ],
      );
      return this.expandInto(tx, id, rule, attributes, context, now, now);
    });
    return { id, slotsCreated };
  }

  /** Extends every active rule up to now + horizon; returns how many slots were created. */
  async expandAll(now = new Date()): Promise<number> {
    const due: StoredRule[] = await this.db.query(
      `SELECT id, practitioner_id, structure_id, place_id, rule, slot_attributes, expanded_until FROM scheduling.opening_rule
        WHERE active AND (expanded_until IS NULL OR expanded_until < $1)`,
      [new Date(now.getTime() + (this.horizonDays - 1) * DAY_MS)],
    );
    let created = 0;
    for (const stored of due) {
      const context = await this.contextOf(stored);
      const from = stored.expanded_until && stored.expanded_until > now ? stored.expanded_until : now;
      created += await this.inTransaction((tx) =>
        this.expandInto(tx, stored.id, stored.rule, stored.slot_attributes, context, from, now),
      );
    }
    return created;
  }

  /** Stops a rule and withdraws its future free slots (those that started are left to expire). */
  async deactivate(id: string, now = new Date()): Promise<{ slotsWithdrawn: number }> {
    return this.inTransaction(async (tx) => {
      const [, count]: [unknown[], number] = await tx.query(
        `UPDATE scheduling.opening_rule SET active = false WHERE id = $1 AND active`,
        [id],
      );
      if (count === 0) throw new NotFound(`no active opening rule ${id}`);
      const [withdrawn]: [{ id: string; owner_id: string; practitioner_id: string | null; revision: number }[], number] =
        await tx.query(
          `UPDATE scheduling.slot SET ${slotTransitionSetSql('withdraw')}
          WHERE opening_rule_id = $1 AND ${slotGuardSql('withdraw', '$2')} RETURNING id, owner_id, practitioner_id, revision`,
          [id, now],
        );
      await this.outbox.appendMany(
        tx,
        SlotWithdrawn,
        withdrawn.map((r) =>
          slotWithdrawnPayload(
            { id: r.id, ownerId: r.owner_id, practitionerId: r.practitioner_id, revision: r.revision },
            withdrawalReasonOf('withdraw'),
          ),
        ),
      );
      return { slotsWithdrawn: withdrawn.length };
    });
  }

  private async expandInto(
    tx: EntityManager,
    ruleId: string,
    rule: OpeningRule,
    attributes: SlotAttributes,
    context: SlotContext,
    from: Date,
    now: Date,
  ): Promise<number> {
    const until = new Date(now.getTime() + this.horizonDays * DAY_MS);
    const slots = expandOpeningRule(rule, { from, to: until })
      .filter((g) => g.start > now)
      .map((g) => buildSlot(context, attributes, g.start, g.end, ruleId));
    const inserted = await insertSlots(tx, slots, { skipConflicts: true });
    const created = slots.filter((s) => inserted.has(s.id));
    await this.outbox.appendMany(
      tx,
      SlotPublished,
      created.map((s) => slotStatePayload(s, context)),
    );
    await tx.query(`UPDATE scheduling.opening_rule SET expanded_until = $2 WHERE id = $1`, [ruleId, until]);
    return created.length;
  }

  private async contextOf(stored: StoredRule): Promise<SlotContext> {
    const [place, practitioner, structure] = await Promise.all([
      this.directory.place(stored.place_id),
      stored.practitioner_id ? this.directory.practitioner(stored.practitioner_id) : null,
      stored.structure_id ? this.directory.structure(stored.structure_id) : null,
    ]);
    return { place, practitioner, structure };
  }

  private inTransaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.relay.inTransaction(work);
  }
}
