import { PayloadOf, PlaceRetired, PractitionerRetired } from '@sas/contracts';
import { EntityManager } from 'typeorm';
import { slotFacts } from './appointment-notices';
import { WebhookNotice } from './webhook-notice';

type Retirement = PayloadOf<typeof PlaceRetired> | PayloadOf<typeof PractitionerRetired>;

/**
 * A retirement keeps the future SAS appointments of the place or practitioner retired:
 * each one's practice is told (`appointment-kept-after-retirement`), to receive the
 * patient elsewhere or cancel. One notice per appointment, each with its own cause, so that
 * an endpoint gets one delivery per appointment.
 */
export async function retirementNotices(
  tx: Pick<EntityManager, 'query'>,
  retired: Retirement,
  cause: string,
  at: string,
): Promise<WebhookNotice[]> {
  const notices: WebhookNotice[] = [];
  const what = 'placeId' in retired ? 'place' : 'practitioner';
  for (const kept of retired.keptAppointments) {
    const slot = await slotFacts(tx, kept.slotId);
    if (!slot) continue;
    notices.push({
      type: KEPT_AFTER_RETIREMENT,
      owners: [slot.owner],
      cause: `${cause}:${kept.appointmentId}`,
      at,
      data: { appointmentId: kept.appointmentId, ...slot.data, retired: what, retiredAt: retired.retiredAt },
    });
  }
  return notices;
}

export const KEPT_AFTER_RETIREMENT = 'appointment-kept-after-retirement';
