import { Injectable } from '@nestjs/common';
import { IntervalJob } from '@sas/platform';
import { OPENING_RULE_SETTINGS } from '../settings';
import { OpeningRulesService } from './opening-rules.service';

/** Keeps every rule expanded to the rolling horizon: checks hourly, extends by a day when due. */
@Injectable()
export class OpeningRuleExpansionJob extends IntervalJob {
  constructor(private readonly rules: OpeningRulesService) {
    super(OPENING_RULE_SETTINGS, 'OPENING_RULE_EXPANSION_INTERVAL_MS');
  }

  protected async run(): Promise<void> {
    const created = await this.rules.expandAll();
    if (created) this.logger.log(`opening rules: ${created} slots created`);
  }
}
