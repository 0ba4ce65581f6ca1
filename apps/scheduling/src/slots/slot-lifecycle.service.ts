import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PayloadOf, SlotUpdated, SlotWithdrawn } from '@sas/contracts';
import { OutboxRelay, OutboxWriter } from '@sas/messaging';
import { InvalidInput, NotFound } from '@sas/platform';
import { DataSource, EntityManager } from 'typeorm';
import { PlaceEntity } from '../directory/place.entity';
import { PractitionerEntity } from '../directory/practitioner.entity';
import { StructureEntity } from '../directory/structure.entity';
import { UpdateSlotDto } from './slot.dto';
import { slotStatePayload, slotWithdrawnPayload } from './slot-events';
import { SlotEntity } from './slot.entity';
import { checkSlotSpan } from './slot-rules';
import { changeSlot, lockSlot, saveSlot, withdrawalReasonOf, writeSlotStatus } from './slot-transitions';

/** Changes to a published slot by its owner: modify, withdraw, report booked elsewhere. */
@Injectable()
export class SlotLifecycleService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly relay: OutboxRelay,
  ) {}

  async get(id: string): Promise<SlotEntity> {
    const slot = await this.db.getRepository(SlotEntity).findOneBy({ id });
    if (!slot) throw new NotFound(`slot ${id} does not exist`);
    return slot;
  }

  /** Modifies a free slot; emits slot-updated with the full new state. */
  async update(id: string, dto: UpdateSlotDto, now = new Date()): Promise<SlotEntity> {
    const slot = await this.inTransaction(async (tx) => {
      const slot = await lockSlot(tx, id);
      changeSlot(slot, { type: 'modify', at: now });
      Object.assign(slot, {
        ...(dto.start && { startAt: new Date(dto.start) }),
        ...(dto.end && { endAt: new Date(dto.end) }),
        ...(dto.visibility && { visibility: dto.visibility }),
        ...(dto.modes && { modes: dto.modes }),
        ...(dto.appointmentType && { appointmentType: dto.appointmentType }),
        ...(dto.specialties && { specialties: dto.specialties }),
        ...(dto.bookingUrl !== undefined && { bookingUrl: dto.bookingUrl }),
        ...(dto.acceptsBeyondSlots !== undefined && { acceptsBeyondSlots: dto.acceptsBeyondSlots }),
      });
      const errors = checkSlotSpan(slot.startAt, slot.endAt, now);
      if (errors.length) throw new InvalidInput(errors);
      try {
        await saveSlot(tx, slot);
      } catch (error) {
        if ((error as { driverError?: { code?: string } }).driverError?.code === '23P01') {
          throw InvalidInput.field('start', 'overlaps another slot of this practitioner');
        }
        throw error;
      }
      await this.outbox.append(tx, SlotUpdated, await statePayload(tx, slot));
      return slot;
    });
    return slot;
  }

  /** Takes a free slot off the free list (withdrawn by its owner, or booked outside the SAS). */
  async withdraw(
    id: string,
    reason: Extract<PayloadOf<typeof SlotWithdrawn>['reason'], 'withdrawn' | 'booked-elsewhere'>,
    now = new Date(),
  ): Promise<SlotEntity> {
    const command = reason === 'withdrawn' ? ('withdraw' as const) : ('book-elsewhere' as const);
    return this.inTransaction(async (tx) => {
      const slot = await lockSlot(tx, id);
      changeSlot(slot, { type: command, at: now });
      await writeSlotStatus(tx, slot);
      await this.outbox.append(tx, SlotWithdrawn, slotWithdrawnPayload(slot, withdrawalReasonOf(command)));
      return slot;
    });
  }

  private inTransaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.relay.inTransaction(work);
  }
}

/** The slot-updated payload of a slot, with its place and owner read in the same transaction. */
export async function statePayload(tx: EntityManager, slot: SlotEntity) {
  const [place, practitioner, structure] = await Promise.all([
    tx.getRepository(PlaceEntity).findOneByOrFail({ id: slot.placeId }),
    slot.practitionerId ? tx.getRepository(PractitionerEntity).findOneBy({ id: slot.practitionerId }) : null,
    slot.structureId ? tx.getRepository(StructureEntity).findOneBy({ id: slot.structureId }) : null,
  ]);
  return slotStatePayload(slot, { place, practitioner, structure });
}
