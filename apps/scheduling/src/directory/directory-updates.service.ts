import { Injectable } from '@nestjs/common';
import { PlaceUpdated, PractitionerUpdated } from '@sas/contracts';
import { OutboxRelay, OutboxWriter } from '@sas/messaging';
import { Conflict, FieldError, InvalidInput, NotFound } from '@sas/platform';
import { EntityManager } from 'typeorm';
import { placeUpdatedPayload, practitionerUpdatedPayload } from './directory-events';
import { UpdatePlaceDto } from './place.dto';
import { PlaceEntity } from './place.entity';
import { UpdatePractitionerDto } from './practitioner.dto';
import { PractitionerEntity } from './practitioner.entity';
import { UpdateStructureDto } from './structure.dto';
import { StructureEntity } from './structure.entity';

/** Fields a change may not clear (`null`): the record would no longer say what searches need. */
const REQUIRED_PLACE_FIELDS = ['communeCode', 'wheelchairAccessible', 'thirdPartyPayment', 'languages'] as const;
const REQUIRED_PRACTITIONER_FIELDS = ['specialties'] as const;

/**
 * Changes of directory records by their owner. A place's or a practitioner's change raises
 * its revision and appends its full new state (place-updated, practitioner-updated) to the
 * outbox in the same transaction: matching applies it to the future slots at once.
 */
@Injectable()
export class DirectoryUpdatesService {
  constructor(
    private readonly outbox: OutboxWriter,
    private readonly relay: OutboxRelay,
  ) {}

  updatePlace(id: string, dto: UpdatePlaceDto, now = new Date()): Promise<PlaceEntity> {
    const changes = changesOf(dto, REQUIRED_PLACE_FIELDS);
    return this.relay.inTransaction(async (tx) => {
      const place = await locked(tx, PlaceEntity, 'place', id);
      if (place.retiredAt) throw new Conflict('place-retired', `place ${id} is retired: it cannot change`);
      Object.assign(place, changes, { revision: place.revision + 1 });
      await tx.getRepository(PlaceEntity).save(place);
      await this.outbox.append(tx, PlaceUpdated, placeUpdatedPayload(place, now));
      return place;
    });
  }

  updatePractitioner(id: string, dto: UpdatePractitionerDto, now = new Date()): Promise<PractitionerEntity> {
    const changes = changesOf(dto, REQUIRED_PRACTITIONER_FIELDS);
    return this.relay.inTransaction(async (tx) => {
      const practitioner = await locked(tx, PractitionerEntity, 'practitioner', id);
      if (practitioner.retiredAt)
        throw new Conflict('practitioner-retired', `practitioner ${id} is retired: the record cannot change`);
      Object.assign(practitioner, changes, { revision: practitioner.revision + 1 });
      await tx.getRepository(PractitionerEntity).save(practitioner);
      await this.outbox.append(tx, PractitionerUpdated, practitionerUpdatedPayload(practitioner, now));
      return practitioner;
    });
  }

  /** A structure's name: nothing downstream reads it (slots carry the structure's identifier), so no event. */
  updateStructure(id: string, dto: UpdateStructureDto): Promise<StructureEntity> {
    const changes = changesOf(dto, ['name']);
    return this.relay.inTransaction(async (tx) => {
      const structure = await locked(tx, StructureEntity, 'structure', id);
      Object.assign(structure, changes);
      await tx.getRepository(StructureEntity).save(structure);
      return structure;
    });
  }
}

/** The fields a change names (`null` clears), 400 for none or for clearing a required one. */
function changesOf<T extends object>(dto: T, required: readonly string[]): Partial<T> {
  const changes = Object.fromEntries(Object.entries(dto).filter(([, value]) => value !== undefined)) as Partial<T>;
  if (Object.keys(changes).length === 0) throw InvalidInput.field('body', 'names no field to change');
  const errors: FieldError[] = required
    .filter((field) => (changes as Record<string, unknown>)[field] === null)
    .map((field) => ({ field, reason: 'cannot be cleared' }));
  if (errors.length) throw new InvalidInput(errors);
  return changes;
}

async function locked<T extends { id: string }>(tx: EntityManager, entity: new () => T, what: string, id: string): Promise<T> {
  const found = await tx.getRepository(entity).findOne({ where: { id } as never, lock: { mode: 'pessimistic_write' } });
  if (!found) throw new NotFound(`${what} ${id} does not exist`);
  return found;
}
