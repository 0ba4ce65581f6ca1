import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { SlotPublished } from '@sas/contracts';
import { OutboxRelay, OutboxWriter } from '@sas/messaging';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CreateSlotDto } from './create-slot.dto';
import { derivePlaceId } from './place-id';
import { slotStatePayload } from './slot-event-payload';
import { SlotEntity } from './slot.entity';
import { checkSlotSpan } from './slot-rules';

@Injectable()
export class SlotsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly relay: OutboxRelay,
  ) {}

  /** Stores a free slot and its slot-published event in one transaction. */
  async publish(dto: CreateSlotDto, now = new Date()): Promise<SlotEntity> {
    const start = new Date(dto.start);
    const end = new Date(dto.end);
    const spanErrors = checkSlotSpan(start, end, now);
    if (spanErrors.length) {
      throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: 'invalid request', errors: spanErrors });
    }
    const slot = Object.assign(new SlotEntity(), {
      id: randomUUID(),
      practitionerRpps: dto.practitionerRpps,
      profession: dto.profession ?? 'general-practitioner',
      specialties: dto.specialties ?? ['SM54'],
      placeId: derivePlaceId(dto.practitionerRpps, dto.place.communeCode, dto.place.latitude, dto.place.longitude),
      communeCode: dto.place.communeCode,
      latitude: dto.place.latitude ?? null,
      longitude: dto.place.longitude ?? null,
      startAt: start,
      endAt: end,
      visibility: dto.visibility,
      modes: dto.modes,
      appointmentType: dto.appointmentType ?? 'ROUTINE',
      bookingUrl: dto.bookingUrl ?? null,
      acceptsBeyondSlots: dto.acceptsBeyondSlots ?? false,
      status: 'free',
      revision: 1,
    });
    await this.dataSource.transaction(async (tx) => {
      await tx.getRepository(SlotEntity).insert(slot);
      await this.outbox.append(tx, SlotPublished, slotStatePayload(slot));
    });
    this.relay.wake();
    return slot;
  }

  async get(id: string): Promise<SlotEntity> {
    const slot = await this.dataSource.getRepository(SlotEntity).findOneBy({ id });
    if (!slot) throw new NotFoundException(`slot ${id} does not exist`);
    return slot;
  }
}
