import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { SlotPublished } from '@sas/contracts';
import { OutboxRelay, OutboxWriter } from '@sas/messaging';
import { FieldError, InvalidInput } from '@sas/platform';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { DirectoryService } from '../directory/directory.service';
import { CreateSlotDto } from './slot.dto';
import { slotStatePayload, SlotContext } from './slot-events';
import { SlotEntity } from './slot.entity';
import { checkSlotSpan, findOverlaps } from './slot-rules';

/**
 * Publishes new free slots, one or a batch, all or nothing: every slot is checked
 * (owner, place, span, overlaps) before anything is stored, and the slots and their
 * slot-published events commit together.
 */
@Injectable()
export class SlotPublisher {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly directory: DirectoryService,
    private readonly outbox: OutboxWriter,
    private readonly relay: OutboxRelay,
  ) {}

  /** `field(i, name)` names a field of the i-th slot in error messages. */
  async publish(dtos: CreateSlotDto[], field: (i: number, name: string) => string, now = new Date()): Promise<SlotEntity[]> {
    const errors: FieldError[] = [];
    const contexts = new ContextCache(this.directory);
    const slots: { slot: SlotEntity; context: SlotContext }[] = [];
    for (const [i, dto] of dtos.entries()) {
      const resolved = await contexts.resolve(dto, (name) => field(i, name));
      if ('errors' in resolved) {
        errors.push(...resolved.errors);
        continue;
      }
      const slot = toEntity(dto, resolved.context);
      errors.push(...checkSlotSpan(slot.startAt, slot.endAt, now).map((e) => ({ field: field(i, e.field), reason: e.reason })));
      slots.push({ slot, context: resolved.context });
    }
    errors.push(...findOverlaps(slots.map((s) => s.slot)).map(([a, b]) => ({ field: field(b, 'start'), reason: `overlaps slot ${a} of the batch` })));
    if (errors.length) throw new InvalidInput(errors);

    await this.db.transaction(async (tx) => {
      const clashes = await overlapsWithStored(tx, slots.map((s) => s.slot));
      if (clashes.length) {
        throw new InvalidInput(clashes.map((i) => ({ field: field(i, 'start'), reason: 'overlaps another slot of this practitioner' })));
      }
      await insertSlots(tx, slots.map((s) => s.slot));
      await this.outbox.appendMany(tx, SlotPublished, slots.map((s) => slotStatePayload(s.slot, s.context)));
    });
    this.relay.wake();
    return slots.map((s) => s.slot);
  }
}

function toEntity(dto: CreateSlotDto, context: SlotContext): SlotEntity {
  const practitionerId = context.practitioner?.id ?? null;
  const structureId = context.structure?.id ?? null;
  return Object.assign(new SlotEntity(), {
    id: randomUUID(),
    ownerId: (practitionerId ?? structureId)!,
    practitionerId,
    structureId,
    placeId: context.place.id,
    startAt: new Date(dto.start),
    endAt: new Date(dto.end),
    visibility: dto.visibility,
    modes: dto.modes,
    appointmentType: dto.appointmentType ?? 'ROUTINE',
    specialties: dto.specialties ?? context.practitioner?.specialties ?? [],
    bookingUrl: dto.bookingUrl ?? null,
    acceptsBeyondSlots: dto.acceptsBeyondSlots ?? false,
    status: 'free',
    revision: 1,
  });
}

/** Indexes (in `slots`) of slots overlapping a live slot of the same practitioner already stored. */
async function overlapsWithStored(tx: EntityManager, slots: SlotEntity[]): Promise<number[]> {
  const rows: { n: string }[] = await tx.query(
    `SELECT DISTINCT b.n - 1 AS n
       FROM unnest($1::uuid[], $2::timestamptz[], $3::timestamptz[]) WITH ORDINALITY AS b(practitioner_id, start_at, end_at, n)
       JOIN scheduling.slot s ON s.practitioner_id = b.practitioner_id
        AND s.status IN ('free', 'booked')
        AND tstzrange(s.start_at, s.end_at) && tstzrange(b.start_at, b.end_at)
      ORDER BY 1`,
    [slots.map((s) => s.practitionerId), slots.map((s) => s.startAt), slots.map((s) => s.endAt)],
  );
  return rows.map((r) => Number(r.n));
}

async function insertSlots(tx: EntityManager, slots: SlotEntity[]): Promise<void> {
  try {
    await tx.query(
      `INSERT INTO scheduling.slot (id, owner_id, practitioner_id, structure_id, place_id, start_at, end_at, visibility, modes,
                                    appointment_type, specialties, booking_url, accepts_beyond_slots, status, revision)
       SELECT id, owner_id, practitioner_id, structure_id, place_id, start_at, end_at,
              string_to_array(visibility, ','), string_to_array(modes, ','), appointment_type,
              ARRAY(SELECT jsonb_array_elements_text(specialties::jsonb)),
              booking_url, accepts_beyond_slots, 'free', 1
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[], $6::timestamptz[], $7::timestamptz[],
                     $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::boolean[])
           AS t(id, owner_id, practitioner_id, structure_id, place_id, start_at, end_at, visibility, modes,
                appointment_type, specialties, booking_url, accepts_beyond_slots)`,
      [
        slots.map((s) => s.id),
        slots.map((s) => s.ownerId),
        slots.map((s) => s.practitionerId),
        slots.map((s) => s.structureId),
        slots.map((s) => s.placeId),
        slots.map((s) => s.startAt),
        slots.map((s) => s.endAt),
        slots.map((s) => s.visibility.join(',')),
        slots.map((s) => s.modes.join(',')),
        slots.map((s) => s.appointmentType),
        slots.map((s) => JSON.stringify(s.specialties)),
        slots.map((s) => s.bookingUrl),
        slots.map((s) => s.acceptsBeyondSlots),
      ],
    );
  } catch (error) {
    // Another request published an overlapping slot between our check and our insert.
    if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23P01') {
      throw InvalidInput.field('start', 'overlaps another slot of this practitioner');
    }
    throw error;
  }
}

/** Resolves owners and places once per batch. */
class ContextCache {
  private readonly cache = new Map<string, Promise<unknown>>();

  constructor(private readonly directory: DirectoryService) {}

  async resolve(dto: CreateSlotDto, field: (name: string) => string): Promise<{ context: SlotContext } | { errors: FieldError[] }> {
    const errors: FieldError[] = [];
    const practitioner = dto.practitionerId
      ? await this.once(`p:${dto.practitionerId}`, () => this.directory.practitioner(dto.practitionerId!, field('practitionerId')))
      : dto.practitionerRpps
        ? await this.once(`rpps:${dto.practitionerRpps}`, () => this.directory.practitionerByRpps(dto.practitionerRpps!))
        : null;
    if (practitioner instanceof InvalidInput) errors.push(...practitioner.errors);
    if (dto.practitionerRpps && !dto.practitionerId && !practitioner) {
      errors.push({ field: field('practitionerRpps'), reason: 'no practitioner registered with this RPPS' });
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
    const owns =
      (context.practitioner && context.place.practitionerId === context.practitioner.id) ||
      (context.structure && context.place.structureId === context.structure.id);
    if (!owns) return { errors: [{ field: field('placeId'), reason: 'the place belongs to another practitioner or structure' }] };
    return { context };
  }

  /** Memoises a lookup; a failure is kept as the error value so each slot can report it. */
  private once<T>(key: string, lookup: () => Promise<T>): Promise<T | InvalidInput> {
    if (!this.cache.has(key)) this.cache.set(key, lookup().catch((e) => (e instanceof InvalidInput ? e : Promise.reject(e))));
    return this.cache.get(key) as Promise<T | InvalidInput>;
  }
}
