import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { OpeningRulesService } from './opening-rules.service';

/** Keeps every rule expanded to the rolling horizon: checks hourly, extends by a day when due. */
@Injectable()
export class OpeningRuleExpansionJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OpeningRuleExpansionJob.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(private readonly rules: OpeningRulesService) {}

  onApplicationBootstrap(): void {
    const everyMs = Number(process.env.OPENING_RULE_EXPANSION_INTERVAL_MS ?? 3600_000);
    this.timer = setInterval(() => void this.tick(), everyMs);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = this.rules
      .expandAll()
      .then((created) => (created ? this.logger.log(`opening rules: ${created} slots created`) : undefined))
      .catch((error) => this.logger.warn(`opening rule expansion failed: ${(error as Error).message}`));
    await this.running;
    this.running = undefined;
  }
}
