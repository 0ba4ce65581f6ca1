import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { readSettings, SettingDefinitions } from '@sas/settings';

/**
 * Work a service repeats on a timer (expiries, rolling horizons): one run at a time,
 * failures logged and retried at the next tick, the run in progress awaited on shutdown.
 */
export abstract class IntervalJob implements OnApplicationBootstrap, OnApplicationShutdown {
  protected readonly logger = new Logger(this.constructor.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  /** The period is the setting `variable` of `definitions` (the service's settings that define it and its default). */
  constructor(
    private readonly definitions: SettingDefinitions,
    private readonly variable: string,
  ) {}

  /** One run of the job. */
  protected abstract run(): Promise<void>;

  onApplicationBootstrap(): void {
    // Read through the setting's definition: a typo is refused at start, never setInterval(…, NaN), which runs every millisecond.
    const everyMs = readSettings({ [this.variable]: this.definitions[this.variable] })[this.variable];
    if (typeof everyMs !== 'number' || !(everyMs > 0)) throw new Error(`${this.variable} is not a setting of a positive period`);
    this.timer = setInterval(() => void this.tick(), everyMs);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = this.run().catch((error) => this.logger.warn(`${this.constructor.name} failed: ${(error as Error).message}`));
    await this.running;
    this.running = undefined;
  }
}
