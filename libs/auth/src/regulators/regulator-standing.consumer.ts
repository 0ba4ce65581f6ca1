import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { PayloadOf, RegulatorAccountChanged, Topics } from '@sas/contracts';
import { EventSubscriber, MemoryInbox, ReplaySubscription } from '@sas/messaging';
import { randomUUID } from 'node:crypto';
import { RegulatorStanding } from './regulator-standing';

/**
 * Feeds RegulatorStanding from orientation's regulator topic. Every replica reads the
 * whole topic under a group of its own, as a replayed read model: the list is back a few
 * seconds after a start, and a deactivation reaches every service within a consumer's poll.
 */
@Controller()
export class RegulatorStandingConsumer implements EventSubscriber {
  readonly subscription: ReplaySubscription = {
    mode: 'replay',
    group: `regulator-standing-${randomUUID()}`,
    topics: [Topics.regulators],
    inbox: new MemoryInbox(10_000),
    fromBeginning: true,
    // The latest state of an account wins; its events share a key and stay in order.
    idempotentEvents: new Set([RegulatorAccountChanged.name]),
  };

  constructor(private readonly standing: RegulatorStanding) {}

  @EventPattern(RegulatorAccountChanged.name)
  accountChanged(@Payload() change: PayloadOf<typeof RegulatorAccountChanged>): void {
    this.standing.apply(change.subjects, change.active);
  }
}
