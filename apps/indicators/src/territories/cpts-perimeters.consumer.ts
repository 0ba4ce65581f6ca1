import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { CptsRegistered, PayloadOf, Topics } from '@sas/contracts';
import { DurableEventContext, DurableSubscription, EventSubscriber } from '@sas/messaging';
import { recordPerimeter } from './cpts-perimeters';

export const CPTS_PERIMETERS_GROUP = 'indicators-cpts-perimeters';

/** Keeps the CPTS perimeters scheduling registers (cpts-registered), so that a CPTS can be read as a territory. */
@Controller()
export class CptsPerimetersConsumer implements EventSubscriber {
  // The directory topic carries place and practitioner changes too: only registrations have a handler.
  readonly subscription: DurableSubscription = { mode: 'durable', group: CPTS_PERIMETERS_GROUP, topics: [Topics.directory] };

  @EventPattern(CptsRegistered.name)
  cptsRegistered(@Payload() registration: PayloadOf<typeof CptsRegistered>, @Ctx() { tx }: DurableEventContext): Promise<void> {
    return recordPerimeter(tx, registration);
  }
}
