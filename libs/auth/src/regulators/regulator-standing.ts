import { Injectable } from '@nestjs/common';
import { RegulatorAccountChanged, Topics } from '@sas/contracts';
import { ConsumerRegistry, handle, MemoryInbox } from '@sas/messaging';
import { randomUUID } from 'node:crypto';

/**
 * Which regulator accounts are deactivated, as orientation (which keeps the accounts)
 * announces them on its regulator topic. Every replica reads the whole topic under a group
 * of its own, as a replayed read model: the list is back a few seconds after a start, and
 * a deactivation reaches every service within a consumer's poll. The auth guard asks it
 * for every regulator's request, so a deactivated account's token, although valid until
 * it expires, is refused everywhere.
 */
@Injectable()
export class RegulatorStanding {
  /** Token subjects (national or local ids) of deactivated accounts. */
  private readonly deactivated = new Set<string>();

  constructor(registry: ConsumerRegistry) {
    registry.register({
      groupId: `regulator-standing-${randomUUID()}`,
      topics: [Topics.regulators],
      inbox: new MemoryInbox(10_000),
      fromBeginning: true,
      replay: true,
      // The latest state of an account wins; its events share a key and stay in order.
      idempotentEvents: new Set([RegulatorAccountChanged.name]),
      handlers: new Map([handle(RegulatorAccountChanged, async (e) => this.apply(e.data.subjects, e.data.active))]),
    });
  }

  isDeactivated(subject: string): boolean {
    return this.deactivated.has(subject);
  }

  apply(subjects: string[], active: boolean): void {
    for (const subject of subjects) {
      if (active) this.deactivated.delete(subject);
      else this.deactivated.add(subject);
    }
  }
}
