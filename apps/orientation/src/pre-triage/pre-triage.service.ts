import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditTrail, Principal } from '@sas/auth';
import { REASON_CATEGORIES } from '@sas/contracts';
import { NotFound } from '@sas/platform';
import { DataSource, EntityManager, In } from 'typeorm';
import { checkRule, DEFAULT_TERRITORY, protocolOf, StoredRule, Suggestion, suggestionFor } from './pre-triage-protocol';
import { PreTriageRuleEntity } from './pre-triage-rule.entity';
import { PreTriageRuleDto } from './pre-triage.dto';

/** The pre-triage protocols: read by the triage step, edited by admins per territory. */
@Injectable()
export class PreTriageService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditTrail,
  ) {}

  /** The coded reasons for a call, with their labels. */
  reasons() {
    return Object.entries(REASON_CATEGORIES).map(([code, label]) => ({ code, label }));
  }

  /** What the territory's protocol suggests for a reason (in the caller's transaction), if anything. */
  async suggestion(tx: EntityManager, territory: string, reason: string): Promise<Suggestion | undefined> {
    const rules = await tx.getRepository(PreTriageRuleEntity).findBy({ territory: In([territory, DEFAULT_TERRITORY]), reason });
    return suggestionFor(rules, territory, reason);
  }

  /** The territory's protocol as it applies: its own rules, the defaults for the other reasons. */
  async protocol(territory: string): Promise<{ territory: string; rules: Suggestion[] }> {
    const rules = await this.db.getRepository(PreTriageRuleEntity).findBy({ territory: In([territory, DEFAULT_TERRITORY]) });
    return { territory, rules: protocolOf(rules, territory) };
  }

  /** Sets the territory's rule for a reason (replacing its default there); recorded in the audit trail. */
  async setRule(territory: string, reason: string, dto: PreTriageRuleDto, admin: Principal): Promise<Suggestion> {
    const rule: StoredRule = { territory, reason, outcome: dto.outcome, urgency: dto.urgency ?? null, mode: dto.mode ?? null };
    checkRule(rule);
    await this.db.transaction(async (tx) => {
      await tx
        .getRepository(PreTriageRuleEntity)
        .upsert({ ...rule, updatedAt: new Date(), updatedBy: admin.subject }, ['territory', 'reason']);
      await this.audit.record(tx, admin, {
        action: 'pre-triage-rule-set',
        targetType: 'pre-triage-rule',
        targetId: `${territory}/${reason}`,
        territory,
        detail: { outcome: rule.outcome, urgency: rule.urgency, mode: rule.mode },
      });
    });
    return { reason, outcome: rule.outcome, urgency: rule.urgency, mode: rule.mode, source: 'territory' };
  }

  /** Removes the territory's own rule for a reason: the default applies again. */
  async removeRule(territory: string, reason: string, admin: Principal): Promise<void> {
    await this.db.transaction(async (tx) => {
      const { affected } = await tx.getRepository(PreTriageRuleEntity).delete({ territory, reason });
      if (!affected) throw new NotFound(`territory ${territory} has no rule of its own for ${reason}`);
      await this.audit.record(tx, admin, {
        action: 'pre-triage-rule-removed',
        targetType: 'pre-triage-rule',
        targetId: `${territory}/${reason}`,
        territory,
      });
    });
  }
}
