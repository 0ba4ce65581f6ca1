import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';

/**
 * Work a service repeats on a timer (expiries, rolling horizons): one run at a time,
 * failures logged and retried at the next tick, the run in progress awaited on shutdown.
 */
export abstract class IntervalJob implements OnApplicationBootstrap, OnApplicationShutdown {
  protected readonly logger = new Logger(this.constructor.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  /** `everyMs` is the default period; `env` names the variable that overrides it. */
  constructor(
    private readonly everyMs: number,
    private readonly env: string,
  ) {}

  /** One run of the job. */
  protected abstract run(): Promise<void>;

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), Number(process.env[this.env] ?? this.everyMs));
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
