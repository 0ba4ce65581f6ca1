import { Injectable } from '@nestjs/common';
import { MemoryInbox, ReplayConsumer } from '@sas/messaging';
import { randomUUID } from 'node:crypto';

/**
 * This replica's feed of the index: its own consumer group (every replica replays the
 * whole topics), the memory of the event ids it handled, and its consumer once the Kafka
 * transport has built it — for readiness, snapshots and tests.
 */
@Injectable()
export class IndexFeed {
  readonly group = `matching-replica-${randomUUID()}`;
  readonly inbox = new MemoryInbox();
  private started?: ReplayConsumer;

  /** The replica's consumer; throws until the transport has built it. */
  get consumer(): ReplayConsumer {
    if (!this.started) throw new Error('the index consumer has not started');
    return this.started;
  }

  get attached(): boolean {
    return this.started !== undefined;
  }

  attach(consumer: ReplayConsumer): void {
    this.started = consumer;
  }
}
