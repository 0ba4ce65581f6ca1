import { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import { InvalidInput } from './errors/domain-error';
import { FieldError } from './validation';

/** Any surrogate or NUL: the cheap first test, false for nearly all text. */
// eslint-disable-next-line no-control-regex -- U+0000 is exactly what is looked for
const SUSPECT = /[\uD800-\uDFFF\u0000]/;
/** A surrogate without its pair. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Deeper than any of our documents (a FHIR Bundle is about 8 levels): refused before anything recurses into it. */
export const MAX_JSON_DEPTH = 32;

/**
 * Refuses a body or query holding text PostgreSQL cannot store, or nested deeper than
 * MAX_JSON_DEPTH. JSON can carry a lone UTF-16 surrogate (`"\ud800"`) and U+0000;
 * PostgreSQL's text and JSON take neither — the statement would fail (a 500) or
 * node-postgres would replace the character silently. A document nested thousands deep
 * overflowed the stack of the recursive walks after this one (a 500). The 400 names each
 * field. Runs before the validation pipe, on the plain parsed body; the walk is a loop, so
 * its own depth costs no stack.
 */
export class WellFormedTextPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'body' && metadata.type !== 'query') return value;
    const errors = textErrors(value);
    if (errors.length) throw new InvalidInput(errors);
    return value;
  }
}

function textReason(text: string): string | undefined {
  if (!SUSPECT.test(text)) return undefined;
  if (text.includes('\u0000')) return 'must not contain the NUL character (U+0000)';
  if (LONE_SURROGATE.test(text)) return 'is not well-formed Unicode text (a lone UTF-16 surrogate)';
  return undefined;
}

/** Each field whose text or key PostgreSQL could not store, and the first place nested too deep. */
export function textErrors(root: unknown): FieldError[] {
  const found: FieldError[] = [];
  const pending: { value: unknown; path: string; depth: number; key?: string }[] = [{ value: root, path: '', depth: 0 }];
  while (pending.length) {
    const { value, path, depth, key } = pending.pop()!;
    const keyReason = key === undefined ? undefined : textReason(key);
    if (keyReason) found.push({ field: path, reason: `has a name that ${keyReason}` });
    if (typeof value === 'string') {
      const reason = textReason(value);
      if (reason) found.push({ field: path || '(body)', reason });
    } else if (value !== null && typeof value === 'object') {
      if (depth >= MAX_JSON_DEPTH) {
        found.push({ field: path || '(body)', reason: `is nested deeper than ${MAX_JSON_DEPTH} levels` });
        return found;
      }
      if (Array.isArray(value)) {
        for (let i = value.length - 1; i >= 0; i--) pending.push({ value: value[i], path: `${path}[${i}]`, depth: depth + 1 });
      } else {
        const keys = Object.keys(value);
        for (let i = keys.length - 1; i >= 0; i--) {
          pending.push({
            value: (value as Record<string, unknown>)[keys[i]],
            path: path ? `${path}.${keys[i]}` : keys[i],
            depth: depth + 1,
            key: keys[i],
          });
        }
      }
    }
  }
  return found;
}
