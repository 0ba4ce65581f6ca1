import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { SlotPublished, SlotWithdrawn } from '@sas/contracts';
import { OutboxRelay, OutboxWriter } from '@sas/messaging';
import { FieldError, InvalidInput, NotFound } from '@sas/platform';
import { readSettings } from '@sas/settings';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { DirectoryService } from '../directory/directory.service';
import { PractitionerEntity } from '../directory/practitioner.entity';
import { OPENING_RULE_SETTINGS } from '../settings';
import { ContextCache } from '../slots/slot-context';
import { slotStatePayload, SlotContext, withdrawnRowsPayloads } from '../slots/slot-events';
import { buildSlot, SlotAttributes } from '../slots/slot-factory';
import { insertSlots } from '../slots/slot-store';
import { slotGuardSql, slotTransitionSetSql, withdrawalReasonOf } from '../slots/slot-transitions';
import { expandOpeningRule } from './expand-opening-rule';
import { OpeningRule, RuleException } from './opening-rule';
import { CreateOpeningRuleDto } from './opening-rule.dto';
import { ruleOfDto, slotAttributesOf, withExceptions } from './rule-of-dto';

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

/** Who and where a rule's slots are: its owner and place, and the practitioners of its rota. */
interface RuleContext {
  context: SlotContext;
  rota: Map<string, PractitionerEntity>;
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
    const rule = ruleOfDto(dto);
    const resolved = await new ContextCache(this.directory).resolve(dto, (name) => name);
    if ('errors' in resolved) throw new InvalidInput(resolved.errors);
    const { context } = resolved;
    const rota = await this.rotaOf(rule);
    const attributes = slotAttributesOf(dto);
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
      return this.expandInto(tx, id, rule, attributes, { context, rota }, now, now);
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

  /** Adds absences or closures to an active rule and withdraws the future free slots they cover. */
  async addExceptions(id: string, added: RuleException[], now = new Date()): Promise<{ slotsWithdrawn: number }> {
    return this.inTransaction(async (tx) => {
      const [stored]: { rule: OpeningRule }[] = await tx.query(
        `SELECT rule FROM scheduling.opening_rule WHERE id = $1 AND active FOR UPDATE`,
        [id],
      );
      if (!stored) throw new NotFound(`no active opening rule ${id}`);
      return { slotsWithdrawn: await this.applyExceptions(tx, id, withExceptions(stored.rule, added), now) };
    });
  }

  /** Closes a place for a date range: the closure is added to each of its active rules, their covered free slots withdrawn. */
  async closePlace(
    placeId: string,
    closure: RuleException,
    now = new Date(),
  ): Promise<{ rules: number; slotsWithdrawn: number }> {
    return this.inTransaction(async (tx) => {
      const rules: { id: string; rule: OpeningRule }[] = await tx.query(
        `SELECT id, rule FROM scheduling.opening_rule WHERE place_id = $1 AND active ORDER BY id FOR UPDATE`,
        [placeId],
      );
      let slotsWithdrawn = 0;
      for (const { id, rule } of rules) {
        slotsWithdrawn += await this.applyExceptions(tx, id, withExceptions(rule, [closure], 'closure'), now);
      }
      return { rules: rules.length, slotsWithdrawn };
    });
  }

  /** Stops a rule and withdraws its future free slots (those that started are left to expire). */
  async deactivate(id: string, now = new Date()): Promise<{ slotsWithdrawn: number }> {
    return this.inTransaction(async (tx) => {
      const [, count]: [unknown[], number] = await tx.query(
        `UPDATE scheduling.opening_rule SET active = false WHERE id = $1 AND active`,
        [id],
      );
      if (count === 0) throw new NotFound(`no active opening rule ${id}`);
      return { slotsWithdrawn: await this.withdrawFreeSlots(tx, id, now, null) };
    });
  }

  /**
   * Stores the updated rule and withdraws its free future slots the rule no longer opens:
   * the rule is expanded again over what it has generated, so a closure is judged exactly
   * as the expansion judges it (a night slot after midnight belongs to the evening it opened).
   */
  private async applyExceptions(tx: EntityManager, id: string, rule: OpeningRule, now: Date): Promise<number> {
    await tx.query(`UPDATE scheduling.opening_rule SET rule = $2 WHERE id = $1`, [id, rule]);
    const [{ last }]: { last: Date | null }[] = await tx.query(
      `SELECT max(start_at) AS last FROM scheduling.slot WHERE opening_rule_id = $1`,
      [id],
    );
    if (!last) return 0;
    const kept = expandOpeningRule(rule, { from: now, to: new Date(last.getTime() + 1) }).map((g) => g.start);
    return this.withdrawFreeSlots(tx, id, now, kept);
  }

  /** Withdraws a rule's free future slots (all, or those not starting at one of `kept`), through the decider's guard. */
  private async withdrawFreeSlots(tx: EntityManager, id: string, now: Date, kept: Date[] | null): Promise<number> {
    const [withdrawn]: [{ id: string; owner_id: string; practitioner_id: string | null; revision: number }[], number] =
      await tx.query(
        `UPDATE scheduling.slot SET ${slotTransitionSetSql('withdraw')}
          WHERE opening_rule_id = $1 AND ${slotGuardSql('withdraw', '$2')}
            ${kept ? 'AND start_at <> ALL($3::timestamptz[])' : ''}
          RETURNING id, owner_id, practitioner_id, revision`,
        kept ? [id, now, kept] : [id, now],
      );
    await this.outbox.appendMany(tx, SlotWithdrawn, withdrawnRowsPayloads(withdrawn, withdrawalReasonOf('withdraw')));
    return withdrawn.length;
  }

  private async expandInto(
    tx: EntityManager,
    ruleId: string,
    rule: OpeningRule,
    attributes: SlotAttributes,
    { context, rota }: RuleContext,
    from: Date,
    now: Date,
  ): Promise<number> {
    const until = new Date(now.getTime() + this.horizonDays * DAY_MS);
    // A rota's slot is its practitioner's, in the structure's place.
    const contextOf = (practitionerId?: string): SlotContext =>
      practitionerId ? { ...context, practitioner: rota.get(practitionerId)! } : context;
    const generated = expandOpeningRule(rule, { from, to: until })
      .filter((g) => g.start > now)
      .map((g) => ({
        slot: buildSlot(contextOf(g.practitionerId), attributes, g.start, g.end, ruleId),
        context: contextOf(g.practitionerId),
      }));
    const inserted = await insertSlots(
      tx,
      generated.map((g) => g.slot),
      { skipConflicts: true },
    );
    const created = generated.filter((g) => inserted.has(g.slot.id));
    await this.outbox.appendMany(
      tx,
      SlotPublished,
      created.map((g) => slotStatePayload(g.slot, g.context)),
    );
    await tx.query(`UPDATE scheduling.opening_rule SET expanded_until = $2 WHERE id = $1`, [ruleId, until]);
    return created.length;
  }

  /** The practitioners of a rule's rota, by id; 400 naming each one the directory does not know. */
  private async rotaOf(rule: OpeningRule): Promise<Map<string, PractitionerEntity>> {
    const ids = rule.rota?.practitionerIds ?? [];
    const errors: FieldError[] = [];
    const found = await Promise.all(
      ids.map((id, i) =>
        this.directory.practitioner(id, `rota.practitionerIds[${i}]`).catch((e: unknown) => {
          if (!(e instanceof InvalidInput)) throw e;
          errors.push(...e.errors);
          return null;
        }),
      ),
    );
    if (errors.length) throw new InvalidInput(errors);
    return new Map(found.map((p) => [p!.id, p!]));
  }

  private async contextOf(stored: StoredRule): Promise<RuleContext> {
    const [place, practitioner, structure, rota] = await Promise.all([
      this.directory.place(stored.place_id),
      stored.practitioner_id ? this.directory.practitioner(stored.practitioner_id) : null,
      stored.structure_id ? this.directory.structure(stored.structure_id) : null,
      this.rotaOf(stored.rule),
    ]);
    return { context: { place, practitioner, structure }, rota };
  }

  private inTransaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.relay.inTransaction(work);
  }
}
