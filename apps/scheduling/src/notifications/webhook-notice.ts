import { Owner } from '../access/ownership';

/** Something an agenda's owners are told by webhook, before it is addressed to their endpoints. */
export interface WebhookNotice {
  /** The webhook event type endpoints subscribe to (`appointment-booked`…). */
  type: string;
  /** The agendas it concerns: the endpoints of their practices, structures and vendors receive it. */
  owners: Owner[];
  /** What caused it (an event id, a reminder): an endpoint gets one delivery per cause. */
  cause: string;
  /** When it happened (ISO 8601). */
  at: string;
  /** The body's `data`: identifiers, times and places only, never the patient. */
  data: Record<string, unknown>;
}

/** The body every endpoint receives, as Standard Webhooks lays it out: type, timestamp, data. */
export function noticeBody(notice: WebhookNotice): string {
  return JSON.stringify({ type: notice.type, timestamp: notice.at, data: notice.data });
}
