import { isUtf8 } from 'node:buffer';
import { FieldError } from '../validation';

const INVALID_UTF8 = 'the body is not valid UTF-8';

/**
 * The body parser's check of the raw bytes: invalid UTF-8 was decoded into U+FFFD and
 * stored as if the client had sent it. Thrown here, it becomes a 400 (httpLayerRefusal).
 */
export function requireUtf8(_req: unknown, _res: unknown, bytes: Buffer): void {
  if (!isUtf8(bytes)) throw new Error(INVALID_UTF8);
}

/**
 * Requests the HTTP layer refuses before any route runs: a body that is not JSON (or a
 * bare JSON string or number, which the parser's strict mode refuses) or not UTF-8, and a
 * path that cannot be percent-decoded. Express answers them with its own message only; they get
 * the one error shape instead, naming what was wrong.
 */
export function httpLayerRefusal(
  error: unknown,
): { status: 400; body: { statusCode: 400; error: string; message: string; errors: FieldError[] } } | undefined {
  const e = error as { type?: string; status?: number; message?: string } | undefined;
  let field: FieldError | undefined;
  if (e?.type === 'entity.parse.failed') field = { field: '(body)', reason: 'is not JSON, or not a JSON object or array' };
  else if (e?.type === 'entity.verify.failed' && e.message === INVALID_UTF8)
    field = { field: '(body)', reason: 'is not valid UTF-8' };
  // Express's router refuses the path; Nest rethrows it as a BadRequestException with the same message.
  else if (/^Failed to decode param/.test(e?.message ?? ''))
    field = { field: '(path)', reason: 'is not valid percent-encoded UTF-8' };
  if (!field) return undefined;
  return { status: 400, body: { statusCode: 400, error: 'Bad Request', message: 'invalid request', errors: [field] } };
}

/** Express error middleware for the body parser's refusals (registered right after it: Nest keeps only their message). */
export function bodyParserRefusals(
  error: unknown,
  _req: unknown,
  res: { status(code: number): { json(body: unknown): void } },
  next: (error: unknown) => void,
): void {
  const refusal = httpLayerRefusal(error);
  if (refusal) res.status(refusal.status).json(refusal.body);
  else next(error);
}
