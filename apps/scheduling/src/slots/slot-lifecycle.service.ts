import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PayloadOf, SlotUpdated, SlotWithdrawn } from '@sas/contracts';
import { OutboxRelay, OutboxWriter } from '@sas/messaging';
import { Conflict, InvalidInput, NotFound } from '@sas/platform';
import { DataSource, EntityManager } from 'typeorm';
import { PlaceEntity } from '../directory/place.entity';
import { PractitionerEntity } from '../directory/practitioner.entity';
import { StructureEntity } from '../directory/structure.entity';
import { UpdateSlotDto } from './slot.dto';
import { slotStatePayload, slotWithdrawnPayload } from './slot-events';
import { SlotEntity } from './slot.entity';
import { checkSlotSpan } from './slot-rules';
import { SlotChangeEvent } from './slot-lifecycle';
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

  /**
   * Modifies a free slot, and/or resizes a walk-in opening (free or full); emits slot-updated
   * with the full new state, or slot-withdrawn when the new capacity is all taken.
   */
  async update(id: string, dto: UpdateSlotDto, now = new Date()): Promise<SlotEntity> {
    const { capacity, ...offer } = dto;
    return this.inTransaction(async (tx) => {
      const slot = await lockSlot(tx, id);
      let event: SlotChangeEvent | null = null;
      if (Object.values(offer).some((value) => value !== undefined)) {
        event = changeSlot(slot, { type: 'modify', at: now });
        Object.assign(slot, {
          ...(offer.start && { startAt: new Date(offer.start) }),
          ...(offer.end && { endAt: new Date(offer.end) }),
          ...(offer.visibility && { visibility: offer.visibility }),
          ...(offer.modes && { modes: offer.modes }),
          ...(offer.appointmentType && { appointmentType: offer.appointmentType }),
          ...(offer.specialties && { specialties: offer.specialties }),
          ...(offer.bookingUrl !== undefined && { bookingUrl: offer.bookingUrl }),
          ...(offer.acceptsBeyondSlots !== undefined && { acceptsBeyondSlots: offer.acceptsBeyondSlots }),
        });
        const errors = checkSlotSpan(slot.startAt, slot.endAt, now);
        if (errors.length) throw new InvalidInput(errors);
      }
      if (slot.capacity !== null && slot.appointmentType !== 'WALKIN')
        throw InvalidInput.field('appointmentType', 'a walk-in opening with a capacity stays WALKIN');
      if (capacity !== undefined) {
        if (slot.appointmentType !== 'WALKIN')
          throw InvalidInput.field('capacity', 'capacity applies to a walk-in opening (appointmentType WALKIN) only');
        if (capacity < slot.taken)
          throw new Conflict('capacity-below-taken', `capacity ${capacity} is below the ${slot.taken} places already taken`, {
            field: 'capacity',
            taken: slot.taken,
          });
        event = changeSlot(slot, { type: 'resize', at: now, capacity }) ?? event;
        slot.capacity = capacity;
      }
      try {
        await saveSlot(tx, slot);
      } catch (error) {
        if ((error as { driverError?: { code?: string } }).driverError?.code === '23P01') {
          throw InvalidInput.field('start', 'overlaps another slot of this practitioner');
        }
        throw error;
      }
      if (event?.type === 'slot-withdrawn') await this.outbox.append(tx, SlotWithdrawn, slotWithdrawnPayload(slot, event.reason));
      else if (event) await this.outbox.append(tx, SlotUpdated, await statePayload(tx, slot));
      return slot;
    });
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
