import { hubDateTime } from './hub-date-time';
import { LrmAppointment } from './lrm-appointment';

/** The EDXL-DE envelope around an RC-DE message, as the guide's page on INT_L02 shows it. */
export interface EdxlEnvelope<M = Record<string, unknown>> {
  distributionID: string;
  senderID: string;
  dateTimeSent: string;
  dateTimeExpires: string;
  distributionStatus: 'Actual';
  distributionKind: 'Report' | 'Ack' | 'Error';
  descriptor: { language: 'fr-FR'; explicitAddress: { explicitAddressScheme: 'hubex'; explicitAddressValue: string } };
  content: [{ jsonContent: { embeddedJsonContent: { message: M } } }];
}

export interface RcDeHeader {
  messageId: string;
  sender: { name: string; URI: string };
  sentAt: string;
  status: 'Actual';
  kind: 'Report' | 'Ack';
  recipient: [{ name: string; URI: string }];
}

export interface OutgoingMessage {
  distributionId: string;
  sender: string;
  recipient: string;
  sentAt: Date;
  expiresAt: Date;
  appointment: LrmAppointment;
}

/** `<senderId>_<internalId>`: the id is ours, unique, and the same every time this change is sent. */
export function distributionIdOf(clientId: string, internalId: string): string {
  return `${clientId}_${internalId}`;
}

/** The message for the SAMU's LRM: EDXL-DE envelope, RC-DE header, the appointment. */
export function reportEnvelope(m: OutgoingMessage): EdxlEnvelope<RcDeHeader & { appointment: LrmAppointment }> {
  const sentAt = hubDateTime(m.sentAt);
  return {
    distributionID: m.distributionId,
    senderID: m.sender,
    dateTimeSent: sentAt,
    dateTimeExpires: hubDateTime(m.expiresAt),
    distributionStatus: 'Actual',
    distributionKind: 'Report',
    descriptor: { language: 'fr-FR', explicitAddress: { explicitAddressScheme: 'hubex', explicitAddressValue: m.recipient } },
    content: [
      {
        jsonContent: {
          embeddedJsonContent: {
            message: {
              messageId: m.distributionId,
              sender: { name: m.sender, URI: `hubex:${m.sender}` },
              sentAt,
              status: 'Actual',
              kind: 'Report',
              recipient: [{ name: m.recipient, URI: `hubex:${m.recipient}` }],
              appointment: m.appointment,
            },
          },
        },
      },
    ],
  };
}

/** What the hub tells us on our `ack` and `info` queues about a message we sent. */
export type HubFeedback =
  | { kind: 'ack'; distributionId: string }
  | { kind: 'error'; distributionId: string; reason: string }
  | { kind: 'unreadable'; reason: string };

/**
 * Reads an envelope from our `ack` queue (RC-REF: `reference.distributionID`) or `info`
 * queue (`error` with the code, the cause and the rejected message or its id).
 */
export function readFeedback(body: Buffer): HubFeedback {
  let envelope: Partial<EdxlEnvelope<Record<string, unknown>>>;
  try {
    envelope = JSON.parse(body.toString('utf8')) as Partial<EdxlEnvelope<Record<string, unknown>>>;
  } catch {
    return { kind: 'unreadable', reason: 'not JSON' };
  }
  const message = envelope?.content?.[0]?.jsonContent?.embeddedJsonContent?.message as Record<string, unknown> | undefined;
  if (envelope.distributionKind === 'Ack') {
    const reference = (message?.reference as { distributionID?: unknown } | undefined)?.distributionID;
    if (typeof reference === 'string') return { kind: 'ack', distributionId: reference };
    return { kind: 'unreadable', reason: `acknowledgement ${String(envelope.distributionID)} references no distributionID` };
  }
  if (envelope.distributionKind === 'Error') {
    const error = message?.error as
      | {
          errorCode?: { statusCode?: unknown; statusString?: unknown };
          errorCause?: unknown;
          referencedDistributionID?: unknown;
          sourceMessage?: { distributionID?: unknown };
        }
      | undefined;
    const id = error?.referencedDistributionID ?? error?.sourceMessage?.distributionID;
    if (typeof id !== 'string')
      return { kind: 'unreadable', reason: `error ${String(envelope.distributionID)} references no distributionID` };
    const code = [error?.errorCode?.statusCode, error?.errorCode?.statusString].filter((p) => p !== undefined).join(' ');
    return {
      kind: 'error',
      distributionId: id,
      reason: `${code || 'error'}: ${typeof error?.errorCause === 'string' ? error.errorCause : 'no cause given'}`,
    };
  }
  return { kind: 'unreadable', reason: `distributionKind ${String(envelope.distributionKind)} is neither Ack nor Error` };
}
