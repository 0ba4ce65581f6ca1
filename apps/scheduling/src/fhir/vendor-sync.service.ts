import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { GENERAL_MEDICINE, SlotPublished, SlotUpdated, SlotWithdrawn } from '@sas/contracts';
import { event, OutboxRelay, OutboxWriter, PendingEvent } from '@sas/messaging';
import { InvalidInput } from '@sas/platform';
import { communeOfPostalAddress } from '@sas/referentials';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, FindOperator, In, IsNull, Not } from 'typeorm';
import { PlaceEntity } from '../directory/place.entity';
import { PractitionerEntity } from '../directory/practitioner.entity';
import { StructureEntity } from '../directory/structure.entity';
import { slotStatePayload, SlotContext, slotWithdrawnPayload } from '../slots/slot-events';
import { buildSlot } from '../slots/slot-factory';
import { insertSlots } from '../slots/slot-store';
import { SlotEntity } from '../slots/slot.entity';
import { saveSlot, tryChangeSlot, withdrawalReasonOf, writeSlotStatus } from '../slots/slot-transitions';
import { hasExtras, readExtras, sameExtras, SlotExtras, writeExtras } from './slot-extras';
import { VendorSlot } from './vendor-bundle';

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
      const contexts = await this.contexts(tx, vendor, feed);
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

  /** Practitioners (registered on first sight) or structures, and the vendor's places, keyed by owner and schedule. */
  private async contexts(tx: EntityManager, vendor: string, feed: VendorSlot[]): Promise<Map<string, SlotContext>> {
    const contexts = new Map<string, SlotContext>();
    const practitioners = new Map<string, PractitionerEntity>();
    for (const item of feed) {
      const key = contextKey(item);
      if (contexts.has(key)) continue;
      if (!item.practitioner) {
        contexts.set(key, await this.structureContext(tx, vendor, item));
        continue;
      }
      let practitioner =
        practitioners.get(item.practitioner.rpps) ??
        (await tx.getRepository(PractitionerEntity).findOneBy({ rpps: item.practitioner.rpps }));
      if (!practitioner) {
        practitioner = Object.assign(new PractitionerEntity(), {
          id: randomUUID(),
          rpps: item.practitioner.rpps,
          adeli: null,
          profession: item.specialties.includes(GENERAL_MEDICINE) ? 'general-practitioner' : 'practitioner',
          specialties: item.specialties,
          familyName: item.practitioner.familyName ?? null,
          givenName: item.practitioner.givenName ?? null,
          revision: 1,
          retiredAt: null,
        });
        await tx.getRepository(PractitionerEntity).insert(practitioner);
      }
      practitioners.set(item.practitioner.rpps, practitioner);
      contexts.set(key, { practitioner, place: await this.place(tx, vendor, practitioner, item) });
    }
    return contexts;
  }

  /**
   * A SOS Médecins association's slot: the association must be in the directory (an admin
   * registers it; a vendor cannot create a structure), its place is the vendor's Location.
   */
  private async structureContext(tx: EntityManager, vendor: string, item: VendorSlot): Promise<SlotContext> {
    const siret = item.structure!.siret;
    const structure = await tx.getRepository(StructureEntity).findOneBy({ siret });
    if (!structure)
      throw InvalidInput.field('Location.managingOrganization.identifier', `no structure with SIRET ${siret} in the directory`);
    return { structure, place: await this.place(tx, vendor, { structureId: structure.id }, item) };
  }

  private async place(
    tx: EntityManager,
    vendor: string,
    owner: PractitionerEntity | { structureId: string },
    item: VendorSlot,
  ): Promise<PlaceEntity> {
    const byStructure = 'structureId' in owner;
    const [found] = await tx.query(
      `SELECT id FROM scheduling.place WHERE vendor = $1 AND ${byStructure ? 'structure_id' : 'practitioner_id'} = $2 AND vendor_key = $3`,
      [vendor, byStructure ? owner.structureId : owner.id, item.place.key],
    );
    if (found) {
      await this.describePlace(tx, found.id, item);
      return tx.getRepository(PlaceEntity).findOneByOrFail({ id: found.id });
    }
    const commune = communeOfPostalAddress(item.place.postalCode!, item.place.city);
    if (!commune) throw InvalidInput.field('Location.address.postalCode', `no commune for postal code ${item.place.postalCode}`);
    const place = Object.assign(new PlaceEntity(), {
      id: randomUUID(),
      practitionerId: byStructure ? null : owner.id,
      structureId: byStructure ? owner.structureId : null,
      name: item.place.name ?? null,
      addressLine: item.place.line ?? null,
      postalCode: item.place.postalCode ?? null,
      city: item.place.city ?? null,
      communeCode: commune.code,
      latitude: item.place.latitude ?? null,
      longitude: item.place.longitude ?? null,
      wheelchairAccessible: false,
      conventionSector: null,
      thirdPartyPayment: false,
      languages: ['fr'],
      treatsWithoutCover: false,
      interpreting: false,
      accessibility: [],
      homeVisitRadiusKm: null,
      phone: null,
      regulatorPhone: null,
      acceptsBeyondSlots: null,
      revision: 1,
      retiredAt: null,
    });
    await tx.getRepository(PlaceEntity).insert(place);
    await tx.query(`UPDATE scheduling.place SET vendor = $1, vendor_key = $2 WHERE id = $3`, [vendor, item.place.key, place.id]);
    await this.describePlace(tx, place.id, item);
    return place;
  }

  /** What the vendor says of the place beyond its address, served back as it came (latest push wins). */
  private async describePlace(tx: EntityManager, placeId: string, item: VendorSlot): Promise<void> {
    const { identifier, structureIdnst, telecom } = item.place;
    await tx.query(
      `UPDATE scheduling.place SET location_identifier = $2, structure_idnst = $3, telecom = $4
        WHERE id = $1 AND (location_identifier, structure_idnst, telecom) IS DISTINCT FROM ($2::jsonb, $3::text, $4::jsonb)`,
      [placeId, identifier ? JSON.stringify(identifier) : null, structureIdnst ?? null, telecom ? JSON.stringify(telecom) : null],
    );
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

const contextKey = (item: VendorSlot) => `${item.practitioner?.rpps ?? `SIRET ${item.structure?.siret}`}|${item.place.key}`;

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
