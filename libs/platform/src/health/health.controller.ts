import { Controller, Get, Inject, Optional } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { KafkaClient, OutboxRelay, pingKafka } from '@sas/messaging';
import { Public } from '../access-metadata';
import { READINESS_CHECKS, ReadinessCheck } from './readiness-check';

@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly kafka: KafkaClient,
    private readonly relay: OutboxRelay,
    @Optional() @Inject(READINESS_CHECKS) private readonly extraChecks: ReadinessCheck[] = [],
  ) {}

  /** The process is up and serving HTTP. */
  @Get('live')
  live() {
    return { status: 'ok' };
  }

  /** PostgreSQL and Kafka answer, and the service-specific checks pass (503 otherwise); outbox backlog in the details. */
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      () => this.db.pingCheck('database', { timeout: 3000 }),
      () => this.indicate('kafka', async () => (await pingKafka(this.kafka), {})),
      // Informational: events waiting to be published and the age of the oldest.
      () => this.indicate('outbox', async () => ({ ...(await this.relay.stats()) })),
      ...this.extraChecks.map((c) => () => this.indicate(c.name, () => c.check())),
    ]);
  }

  private async indicate(key: string, probe: () => Promise<Record<string, unknown>>) {
    const indicator = this.indicators.check(key);
    try {
      return indicator.up(await probe());
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }
}
