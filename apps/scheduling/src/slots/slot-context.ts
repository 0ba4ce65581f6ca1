import { FieldError, InvalidInput } from '@sas/platform';
import { DirectoryService } from '../directory/directory.service';
import { SlotContext } from './slot-events';

/** Who publishes and where: a practitioner (by id or RPPS) and/or a structure, and a place of theirs. */
export interface OwnerAndPlace {
  practitionerId?: string;
  practitionerRpps?: string;
  structureId?: string;
  placeId: string;
}

/** Resolves owners and places once per batch. */
export class ContextCache {
  private readonly cache = new Map<string, Promise<unknown>>();

  constructor(private readonly directory: DirectoryService) {}

  async resolve(
    dto: OwnerAndPlace,
    field: (name: string) => string,
  ): Promise<{ context: SlotContext } | { errors: FieldError[] }> {
    const errors: FieldError[] = [];
    const practitioner = dto.practitionerId
      ? await this.once(`p:${dto.practitionerId}`, () =>
          this.directory.practitioner(dto.practitionerId!, field('practitionerId')),
        )
      : dto.practitionerRpps
        ? await this.once(`rpps:${dto.practitionerRpps}`, () => this.directory.practitionerByRpps(dto.practitionerRpps!))
        : null;
    if (practitioner instanceof InvalidInput) errors.push(...practitioner.errors);
    if (dto.practitionerRpps && !dto.practitionerId && !practitioner) {
      errors.push({ field: field('practitionerRpps'), reason: 'no practitioner registered with this RPPS' });
    }
    if (
      dto.practitionerId &&
      dto.practitionerRpps &&
      practitioner &&
      !(practitioner instanceof InvalidInput) &&
      practitioner.rpps !== dto.practitionerRpps
    ) {
      // The id decides whose slot it is; an RPPS naming someone else is a contradiction, not a hint.
      errors.push({ field: field('practitionerRpps'), reason: 'names another practitioner than practitionerId' });
    }
    const structure = dto.structureId
      ? await this.once(`s:${dto.structureId}`, () => this.directory.structure(dto.structureId!, field('structureId')))
      : null;
    if (structure instanceof InvalidInput) errors.push(...structure.errors);
    if (!dto.practitionerId && !dto.practitionerRpps && !dto.structureId) {
      errors.push({ field: field('practitionerId'), reason: 'a slot needs a practitioner or a structure' });
    }
    const place = await this.once(`pl:${dto.placeId}`, () => this.directory.place(dto.placeId, field('placeId')));
    if (place instanceof InvalidInput) errors.push(...place.errors);
    if (errors.length) return { errors };

    const context = { place, practitioner, structure } as SlotContext;
    // A retired record takes no new slot (docs/directory-lifecycle.md).
    if (context.practitioner?.retiredAt) errors.push({ field: field('practitionerId'), reason: 'the practitioner is retired' });
    if (context.place.retiredAt) errors.push({ field: field('placeId'), reason: 'the place is retired' });
    if (errors.length) return { errors };
    const owns =
      (context.practitioner && context.place.practitionerId === context.practitioner.id) ||
      (context.structure && context.place.structureId === context.structure.id);
    if (!owns) return { errors: [{ field: field('placeId'), reason: 'the place belongs to another practitioner or structure' }] };
    return { context };
  }

  /** Memoises a lookup; a failure is kept as the error value so each slot can report it. */
  private once<T>(key: string, lookup: () => Promise<T>): Promise<T | InvalidInput> {
    if (!this.cache.has(key))
      this.cache.set(
        key,
        lookup().catch((e) => (e instanceof InvalidInput ? e : Promise.reject(e))),
      );
    return this.cache.get(key) as Promise<T | InvalidInput>;
  }
}
