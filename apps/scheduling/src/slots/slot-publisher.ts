import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { SlotPublished } from '@sas/contracts';
import { OutboxRelay, OutboxWriter } from '@sas/messaging';
import { FieldError, InvalidInput } from '@sas/platform';
import { ContextCache } from './slot-context';
import { buildSlot } from './slot-factory';
import { insertSlots, overlapsWithStored } from './slot-store';
import { DataSource, EntityManager } from 'typeorm';
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
      const slot = buildSlot(resolved.context, dto, new Date(dto.start), new Date(dto.end));
      errors.push(...checkSlotSpan(slot.startAt, slot.endAt, now).map((e) => ({ field: field(i, e.field), reason: e.reason })));
      slots.push({ slot, context: resolved.context });
    }
    errors.push(
      ...findOverlaps(slots.map((s) => s.slot)).map(([a, b]) => ({
        field: field(b, 'start'),
        reason: `overlaps slot ${a} of the batch`,
      })),
    );
    if (errors.length) throw new InvalidInput(errors);

    try {
      await this.relay.inTransaction(async (tx) => {
        await insertSlots(
          tx,
          slots.map((s) => s.slot),
        );
        await writeReasons(
          tx,
          dtos,
          slots.map((s) => s.slot),
        );
        await this.outbox.appendMany(
          tx,
          SlotPublished,
          slots.map((s) => slotStatePayload(s.slot, s.context)),
        );
      });
    } catch (error) {
      // The exclusion constraint refused an overlap with a stored slot (insertSlots says so
      // with an InvalidInput): only then look for which slots clash, to name them. Asking
      // before every insert cost a quarter of the insert's own time.
      if (!(error instanceof InvalidInput)) throw error;
      const clashes = await overlapsWithStored(
        this.db.manager,
        slots.map((s) => s.slot),
      );
      if (clashes.length === 0) throw error;
      throw new InvalidInput(
        clashes.map((i) => ({ field: field(i, 'start'), reason: 'overlaps another slot of this practitioner' })),
      );
    }
    return slots.map((s) => s.slot);
  }
}

/**
 * Consultation reasons (motifs) are not part of the slot offer the events carry: only the
 * FHIR answer serves them, so they are written beside the insert, for the slots that have any.
 */
async function writeReasons(tx: EntityManager, dtos: CreateSlotDto[], slots: SlotEntity[]): Promise<void> {
  const rows = slots.map((slot, i) => ({ id: slot.id, reasons: dtos[i].reasons ?? [] })).filter((r) => r.reasons.length);
  if (!rows.length) return;
  await tx.query(
    `UPDATE scheduling.slot s SET reasons = x.reasons FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, reasons text[]) WHERE s.id = x.id`,
    [JSON.stringify(rows)],
  );
}
