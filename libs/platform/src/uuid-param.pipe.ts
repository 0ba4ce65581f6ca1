import { ArgumentMetadata, ParseUUIDPipe } from '@nestjs/common';
import { InvalidInput } from './errors/domain-error';

/**
 * A route parameter that must be a UUID. Nest's own pipe answers "Validation failed (uuid
 * is expected)" without saying which parameter; this one is a 400 naming it, like every
 * other bad input.
 */
export class UuidParamPipe extends ParseUUIDPipe {
  override async transform(value: string, metadata: ArgumentMetadata): Promise<string> {
    try {
      return await super.transform(value, metadata);
    } catch {
      throw InvalidInput.field(metadata.data ?? 'id', 'must be a UUID');
    }
  }
}
