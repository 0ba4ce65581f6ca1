import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { SlotPublished, SlotUpdated, SlotWithdrawn } from '@sas/contracts';
import { event, OutboxRelay, OutboxWriter, PendingEvent } from '@sas/messaging';
import { InvalidInput } from '@sas/platform';
import { DataSource, EntityManager, FindOperator, In, IsNull, Not } from 'typeorm';
import { slotStatePayload, SlotContext, slotWithdrawnPayload } from '../slots/slot-events';
import { buildSlot } from '../slots/slot-factory';
import { insertSlots } from '../slots/slot-store';
import { SlotEntity } from '../slots/slot.entity';
import { saveSlot, tryChangeSlot, withdrawalReasonOf, writeSlotStatus } from '../slots/slot-transitions';
import { hasExtras, readExtras, sameExtras, SlotExtras, writeExtras } from './slot-extras';
import { VendorSlot } from './vendor-bundle';
import { contextKey, loadContexts } from './vendor-contexts';

/**
 * The slots a feed speaks for: a pulled answer's practitioners (by RPPS) or SOS Médecins
 * associations (by SIRET); a push's, all the vendor's slots of practitioners, or all those of
 * associations (the two shapes are pushed apart, and one must not withdraw the other's).
 */
export type SyncScope = { rpps: string[] } | { sirets: string[] } | { owners: 'practitioners' | 'structures' };

export interface SyncSummary {
  created: number;
  updated: number;
  withdrawn: number;
  bookedElsewhere: number;
  unchanged: number;
  skippedOverlapping: number;
}

/**
 * Applies an agenda vendor's feed for the practitioners it covers, in one transaction:
 * new free slots are published, changed ones updated, busy ones leave the free list as
 * booked elsewhere, and that vendor's future free slots missing from the feed are
 * withdrawn. The same feed twice changes nothing.
 */
@Injectable()
export class VendorSyncService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly relay: OutboxRelay,
  ) {}

  /**
   * `scope`: the owners the feed speaks for; only their slots may be withdrawn as missing (a
   * pull asks 25 practitioners at a time; a push speaks for the practitioners or the associations).
   */
  async sync(vendor: string, feed: VendorSlot[], now = new Date(), scope?: SyncScope): Promise<SyncSummary> {
    const summary: SyncSummary = {
      created: 0,
      updated: 0,
      withdrawn: 0,
      bookedElsewhere: 0,
      unchanged: 0,
      skippedOverlapping: 0,
    };
    const result = await this.relay.inTransaction(async (tx) => {
      const contexts = await loadContexts(tx, vendor, feed);
      // A push covers every practitioner the vendor holds slots for, not only those it names:
      // a practitioner left out of the Bundle (or an empty Bundle) has its free slots withdrawn.
      const existing = new Map(
        (
          await tx
            .getRepository(SlotEntity)
            .find({ where: { vendor, ...(scope && (await scopeWhere(tx, scope))) }, lock: { mode: 'pessimistic_write' } })
        ).map((s) => [s.externalId!, s]),
      );
      const extrasOf = await readExtras(tx, vendor);
      const extrasToWrite: ({ id: string } & SlotExtras)[] = [];
      const events: PendingEvent[] = [];
      const fresh: { slot: SlotEntity; context: SlotContext }[] = [];
      for (const item of feed) {
        const context = contexts.get(contextKey(item))!;
        const current = existing.get(item.externalId);
        existing.delete(item.externalId);
        // A retired place or practitioner takes no slot from a feed either (docs/directory-lifecycle.md).
        if (context.place.retiredAt || context.practitioner?.retiredAt) {
          summary.unchanged++;
          continue;
        }
        if (!current) {
          if (item.status === 'free' && item.start > now) {
            const slot = Object.assign(buildSlot(context, item, item.start, item.end), { vendor, externalId: item.externalId });
            fresh.push({ slot, context });
            if (hasExtras(item))
              extrasToWrite.push({ id: slot.id, reasons: item.reasons, cpts: item.cpts, specialtyTexts: item.specialtyTexts });
          }
          continue;
        }
        if (item.status === 'busy') {
          if (!tryChangeSlot(current, { type: 'book-elsewhere', at: now })) summary.unchanged++;
          else {
            await writeSlotStatus(tx, current);
            events.push(event(SlotWithdrawn, slotWithdrawnPayload(current, withdrawalReasonOf('book-elsewhere'))));
            summary.bookedElsewhere++;
          }
          continue;
        }
        const sameExtrasAsBefore = sameExtras(extrasOf.get(current.id), item);
        // The same offer of a free slot is no change; anything else is a reoffer, if the lifecycle allows it.
        if (current.status === 'free' && sameOffer(current, item, context) && sameExtrasAsBefore) {
          summary.unchanged++;
          continue;
        }
        if (!tryChangeSlot(current, { type: 'reoffer', at: now, start: item.start })) {
          summary.unchanged++;
          continue;
        }
        Object.assign(current, offerOf(item, context));
        await this.saveUpdated(tx, current);
        if (!sameExtrasAsBefore)
          extrasToWrite.push({ id: current.id, reasons: item.reasons, cpts: item.cpts, specialtyTexts: item.specialtyTexts });
        events.push(event(SlotUpdated, slotStatePayload(current, context)));
        summary.updated++;
      }
      for (const gone of existing.values()) {
        if (!tryChangeSlot(gone, { type: 'withdraw', at: now })) continue;
        await writeSlotStatus(tx, gone);
        events.push(event(SlotWithdrawn, slotWithdrawnPayload(gone, withdrawalReasonOf('withdraw'))));
        summary.withdrawn++;
      }
      await this.insertFresh(tx, fresh, events, summary);
      await writeExtras(tx, extrasToWrite);
      await this.outbox.appendAll(tx, events);
      return summary;
    });
    return result;
  }

  private async insertFresh(
    tx: EntityManager,
    fresh: { slot: SlotEntity; context: SlotContext }[],
    events: PendingEvent[],
    summary: SyncSummary,
  ): Promise<void> {
    const inserted = await insertSlots(
      tx,
      fresh.map((f) => f.slot),
      { skipConflicts: true },
    );
    const created = fresh.filter((f) => inserted.has(f.slot.id));
    events.push(...created.map((f) => event(SlotPublished, slotStatePayload(f.slot, f.context))));
    summary.created += created.length;
    summary.skippedOverlapping += fresh.length - created.length;
  }

  /** Writes a reoffered slot (its revision already moved by the lifecycle). */
  private async saveUpdated(tx: EntityManager, slot: SlotEntity): Promise<void> {
    try {
      await saveSlot(tx, slot);
    } catch (error) {
      if ((error as { driverError?: { code?: string } }).driverError?.code === '23P01') {
        throw InvalidInput.field('Slot.start', `slot ${slot.id} would overlap another slot of its practitioner`);
      }
      throw error;
    }
  }
}

/** The slots a scoped sync may touch: those of the practitioners, or of the structures, it is about. */
async function scopeWhere(
  tx: EntityManager,
  scope: SyncScope,
): Promise<{ practitionerId: FindOperator<string> } | { structureId: FindOperator<string> }> {
  if ('owners' in scope) return { practitionerId: scope.owners === 'practitioners' ? Not(IsNull()) : IsNull() };
  const rows: { id: string }[] =
    'rpps' in scope
      ? await tx.query(`SELECT id FROM scheduling.practitioner WHERE rpps = ANY($1)`, [scope.rpps])
      : await tx.query(`SELECT id FROM scheduling.structure WHERE siret = ANY($1)`, [scope.sirets]);
  // IN () is not SQL: no known owner matches no slot.
  const ids = rows.length ? rows.map((r) => r.id) : ['00000000-0000-0000-0000-000000000000'];
  return 'rpps' in scope ? { practitionerId: In(ids) } : { structureId: In(ids) };
}

/** The fields of a slot a vendor decides. */
function offerOf(item: VendorSlot, context: SlotContext) {
  return {
    placeId: context.place.id,
    startAt: item.start,
    endAt: item.end,
    visibility: item.visibility,
    modes: item.modes,
    appointmentType: item.appointmentType,
    specialties: item.specialties,
    bookingUrl: item.bookingUrl ?? null,
  };
}

function sameOffer(slot: SlotEntity, item: VendorSlot, context: SlotContext): boolean {
  const offer = offerOf(item, context);
  return (
    slot.placeId === offer.placeId &&
    slot.startAt.getTime() === offer.startAt.getTime() &&
    slot.endAt.getTime() === offer.endAt.getTime() &&
    sameSet(slot.visibility, offer.visibility) &&
    sameSet(slot.modes, offer.modes) &&
    slot.appointmentType === offer.appointmentType &&
    sameSet(slot.specialties, offer.specialties) &&
    slot.bookingUrl === offer.bookingUrl
  );
}

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}
