/**
 * The largest event a service writes to its outbox: the broker refuses a message over
 * its message.max.bytes (1 MiB = 1,048,588 bytes by default, record overhead included),
 * and a refused row at the head of the outbox held back every later one. Kept under the
 * default with room for the record batch's own bytes.
 */
export const MAX_EVENT_BYTES = 1_000_000;

/** The bytes an outbox row puts on the wire: key, value and headers. */
export function recordBytes(row: { message_key: string; payload: string; headers: Record<string, string> }): number {
  let bytes = Buffer.byteLength(row.message_key) + Buffer.byteLength(row.payload);
  for (const name in row.headers) bytes += Buffer.byteLength(name) + Buffer.byteLength(String(row.headers[name]));
  return bytes;
}

/**
 * Broker answers that refuse the records themselves, and will refuse them again however
 * often they are sent. Other non-retriable answers (authorisation, unknown topic) concern
 * every row alike: those stay in the outbox until an operator fixes the cause.
 */
const RECORD_REFUSALS = new Set([
  'MESSAGE_TOO_LARGE',
  'RECORD_LIST_TOO_LARGE',
  'INVALID_RECORD',
  'CORRUPT_MESSAGE',
  'INVALID_TIMESTAMP',
]);

/** The broker's reason when `error` refuses the records sent, else undefined. */
export function recordRefusal(error: unknown): string | undefined {
  for (
    let e = error as { type?: string; cause?: unknown; message?: string } | undefined, depth = 0;
    e && depth < 5;
    e = e.cause as typeof e, depth++
  ) {
    if (e.type && RECORD_REFUSALS.has(e.type)) return `${e.type}: ${e.message ?? ''}`.trim();
  }
  return undefined;
}
