import { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import { InvalidInput } from './errors/domain-error';

/** Any surrogate: the cheap first test, false for nearly all text. */
const SURROGATE = /[\uD800-\uDFFF]/;
/** A surrogate without its pair. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Refuses a body or query holding text that is not well-formed Unicode: JSON can carry a
 * lone UTF-16 surrogate (`"\ud800"`), PostgreSQL's text and JSON cannot — the statement
 * would fail (a 500) or node-postgres would replace the character silently. The 400
 * names each field. Runs before the validation pipe, on the plain parsed body.
 */
export class WellFormedTextPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'body' && metadata.type !== 'query') return value;
    const fields: string[] = [];
    collectMalformed(value, '', fields);
    if (fields.length) throw new InvalidInput(fields.map((field) => ({ field, reason: 'is not well-formed Unicode text (a lone UTF-16 surrogate)' })));
    return value;
  }
}

function malformed(text: string): boolean {
  return SURROGATE.test(text) && LONE_SURROGATE.test(text);
}

function collectMalformed(value: unknown, path: string, found: string[]): void {
  if (typeof value === 'string') {
    if (malformed(value)) found.push(path || '(body)');
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) collectMalformed(value[i], `${path}[${i}]`, found);
  } else if (value !== null && typeof value === 'object') {
    for (const key in value) {
      const field = path ? `${path}.${key}` : key;
      if (malformed(key)) found.push(field);
      collectMalformed((value as Record<string, unknown>)[key], field, found);
    }
  }
}
