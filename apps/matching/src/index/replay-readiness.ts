import { Injectable } from '@nestjs/common';
import { endOffsets, KafkaClient, remainingMessages, Targets } from '@sas/messaging';
import { ReadinessCheck } from '@sas/platform';
import { IndexSnapshots } from '../snapshot/index-snapshots';
import { IndexFeed } from './index-feed';
import { SlotIndex } from './slot-index';
import { INDEX_TOPICS } from './slot-events.consumer';

/**
 * Not ready until the index has replayed the topics up to where they ended when the
 * service started: before that, a search could miss slots. Once caught up, stays ready.
 * Says what it restored from a snapshot, if it did.
 */
@Injectable()
export class ReplayReadiness implements ReadinessCheck {
  readonly name = 'index';
  private targets?: Targets;
  private caughtUp = false;

  constructor(
    private readonly kafka: KafkaClient,
    private readonly feed: IndexFeed,
    private readonly index: SlotIndex,
    private readonly snapshots: IndexSnapshots,
  ) {}

  async check(): Promise<Record<string, unknown>> {
    if (!this.caughtUp) {
      this.targets ??= await endOffsets(this.kafka, INDEX_TOPICS);
      const remaining = remainingMessages(this.feed.consumer.currentPositions(), this.targets);
      if (remaining > 0n) throw new Error(`replaying: ${remaining} messages behind`);
      this.caughtUp = true;
    }
    return { slots: this.index.size, ...(this.snapshots.restored && { restoredSnapshot: this.snapshots.restored }) };
  }
}
