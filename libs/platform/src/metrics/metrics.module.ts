import { DynamicModule, Global, Module } from '@nestjs/common';
import { ConsumersController } from '../operations/consumers.controller';
import { MessagingMetrics } from './messaging-metrics';
import { MetricsController } from './metrics.controller';
import { ServiceMetrics } from './service-metrics';

/** `/metrics` for a service (HTTP latency, outbox, consumers, plus what the service registers itself) and `/consumers` to pause and resume them. */
@Global()
@Module({})
export class MetricsModule {
  static forService(service: string): DynamicModule {
    return {
      module: MetricsModule,
      controllers: [MetricsController, ConsumersController],
      providers: [{ provide: ServiceMetrics, useFactory: () => new ServiceMetrics(service) }, MessagingMetrics],
      exports: [ServiceMetrics],
    };
  }
}
