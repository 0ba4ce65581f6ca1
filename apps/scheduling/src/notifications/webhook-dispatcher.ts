import { EntityManager } from 'typeorm';
import { identifiersOf } from '../access/ownership';
import { noticeBody, WebhookNotice } from './webhook-notice';

/**
 * Addresses a notice to the live endpoints that subscribe to its type and belong to its
 * agendas (a practice's endpoint by one of its practitioners' or structures' identifiers,
 * a vendor's by its registration), as pending deliveries in the caller's transaction: the
 * notice is owed once its cause commits, and the delivery worker sends it. One delivery
 * per endpoint and cause, so a replayed cause adds nothing. Returns how many were added.
 */
export async function dispatchNotice(tx: Pick<EntityManager, 'query'>, notice: WebhookNotice, now = new Date()): Promise<number> {
  const identifiers = [...new Set((await Promise.all(notice.owners.map((owner) => identifiersOf(tx, owner)))).flat())];
  if (identifiers.length === 0) return 0;
  // An INSERT's RETURNING rows come back as they are through TypeORM (an UPDATE's as [rows, count]).
  const rows: unknown[] = await tx.query(
    `INSERT INTO scheduling.webhook_delivery (id, endpoint_id, event_type, cause, body, created_at, state, next_attempt_at)
     SELECT gen_random_uuid(), e.id, $1, $2, $3, $4, 'pending', $4 FROM scheduling.webhook_endpoint e
      WHERE e.disabled_at IS NULL AND $1 = ANY (e.event_types)
        AND (e.owner_identifiers && $5::text[]
             OR e.owner_vendor_id IN (SELECT v.id FROM scheduling.vendor v WHERE v.practitioner_rpps && $5::text[] OR v.structure_ids && $5::text[]))
     ON CONFLICT (endpoint_id, cause) DO NOTHING
     RETURNING id`,
    [notice.type, notice.cause, noticeBody(notice), now, identifiers],
  );
  return rows.length;
}
