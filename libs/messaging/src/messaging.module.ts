import { DynamicModule, Inject, Injectable, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EventConsumers } from './consumer/event-consumers';
import { KafkaClient } from './kafka/kafka-client';
import { kafkaConfigFromEnv } from './kafka/kafka-config';
import { MessagingPruner, messagingPrunerOptionsFromEnv } from './messaging-pruner';
import { OutboxRelay } from './outbox/outbox-relay';
import { OutboxWriter } from './outbox/outbox-writer';

/** What a service does with Kafka beyond consuming. */
export interface MessagingOptions {
  /**
   * Whether the service appends events to its outbox (default true). A service that
   * never does (a read model) runs no relay: it would only poll an empty table.
   */
  publishes?: boolean;
}

const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

/**
 * Starts the outbox relay and the pruner of the messaging tables once the app is up; stops
 * them on shutdown, after the consumers (the transport, KafkaEventsServer, starts and stops
 * those: Nest closes it before this hook runs).
 */
@Injectable()
class MessagingLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Messaging');

  constructor(
    private readonly relay: OutboxRelay,
    private readonly pruner: MessagingPruner,
    private readonly kafka: KafkaClient,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  onApplicationBootstrap(): void {
    if (this.options.publishes !== false) this.relay.start();
    // Every service has both tables (a read model's outbox stays empty): the pruner runs in each.
    this.pruner.start();
  }

  async onApplicationShutdown(): Promise<void> {
    const started = Date.now();
    await Promise.all([this.relay.stop(), this.pruner.stop()]);
    await this.kafka.close();
    this.logger.log(`messaging stopped: outbox relay in ${Date.now() - started} ms`);
  }
}

/**
 * Kafka for one service: its client, its outbox (writer and relay, in the service's
 * schema) and the list of its consumer groups (EventConsumers, filled by the transport
 * KafkaEventsServer from the `@EventPattern` controllers). Requires the service's TypeORM
 * data source.
 */
@Module({})
export class MessagingModule {
  static forService(service: string, options: MessagingOptions = {}): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      providers: [
        { provide: MESSAGING_OPTIONS, useValue: options },
        { provide: KafkaClient, useFactory: () => new KafkaClient(kafkaConfigFromEnv(service)) },
        { provide: OutboxWriter, useFactory: () => new OutboxWriter(service, `/sas/${service}`) },
        {
          provide: OutboxRelay,
          useFactory: (ds: DataSource, kafka: KafkaClient) => new OutboxRelay(ds, kafka, { schema: service }),
          inject: [DataSource, KafkaClient],
        },
        {
          provide: MessagingPruner,
          useFactory: (ds: DataSource) => new MessagingPruner(ds, messagingPrunerOptionsFromEnv(service)),
          inject: [DataSource],
        },
        { provide: EventConsumers, useFactory: () => new EventConsumers() },
        MessagingLifecycle,
      ],
      exports: [KafkaClient, OutboxWriter, OutboxRelay, EventConsumers],
    };
  }
}
