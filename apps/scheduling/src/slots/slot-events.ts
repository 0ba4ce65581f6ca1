import { dropUndefined, PayloadOf, SlotPublished, SlotWithdrawn } from '@sas/contracts';
import { placePayload } from '../directory/directory-events';
import { PlaceEntity } from '../directory/place.entity';
import { PractitionerEntity } from '../directory/practitioner.entity';
import { StructureEntity } from '../directory/structure.entity';
import { SlotEntity } from './slot.entity';
import type { WithdrawnSlotRow } from './slot-transitions';

/** Who and where a slot is, as its events carry them. */
export interface SlotContext {
  place: PlaceEntity;
  practitioner?: PractitionerEntity | null;
  structure?: StructureEntity | null;
}

/** The full state of a slot as carried by slot-published and slot-updated. */
export function slotStatePayload(
  slot: SlotEntity,
  { place, practitioner, structure }: SlotContext,
): PayloadOf<typeof SlotPublished> {
  const practitionerIdentifier = practitioner?.rpps
    ? { system: 'RPPS' as const, value: practitioner.rpps }
    : practitioner?.adeli
      ? { system: 'ADELI' as const, value: practitioner.adeli }
      : undefined;
  const structureIdentifier = structure?.siret
    ? { system: 'SIRET' as const, value: structure.siret }
    : structure?.finess
      ? { system: 'FINESS' as const, value: structure.finess }
      : undefined;
  return dropUndefined({
    slotId: slot.id,
    ownerId: slot.ownerId,
    practitionerId: slot.practitionerId ?? undefined,
    practitioner: practitionerIdentifier,
    structureId: slot.structureId ?? undefined,
    structure: structureIdentifier,
    profession: practitioner?.profession ?? structure?.kind ?? 'structure',
    specialties: slot.specialties,
    place: placePayload(place),
    start: slot.startAt.toISOString(),
    end: slot.endAt.toISOString(),
    visibility: slot.visibility,
    modes: slot.modes,
    appointmentType: slot.appointmentType,
    bookingUrl: slot.bookingUrl ?? undefined,
    acceptsBeyondSlots: slot.acceptsBeyondSlots,
    capacity: slot.capacity ?? undefined,
    remainingCapacity: slot.capacity ? slot.capacity - slot.taken : undefined,
    revision: slot.revision,
  }) as PayloadOf<typeof SlotPublished>;
}

export function slotWithdrawnPayload(
  slot: Pick<SlotEntity, 'id' | 'ownerId' | 'practitionerId' | 'revision'>,
  reason: PayloadOf<typeof SlotWithdrawn>['reason'],
): PayloadOf<typeof SlotWithdrawn> {
  return dropUndefined({
    slotId: slot.id,
    ownerId: slot.ownerId,
    practitionerId: slot.practitionerId ?? undefined,
    reason,
    revision: slot.revision,
  }) as PayloadOf<typeof SlotWithdrawn>;
}

/** The slot-withdrawn events of the slots a bulk withdrawal returned (`RETURNING id, owner_id, practitioner_id, revision`). */
export function withdrawnRowsPayloads(
  rows: WithdrawnSlotRow[],
  reason: PayloadOf<typeof SlotWithdrawn>['reason'],
): PayloadOf<typeof SlotWithdrawn>[] {
  return rows.map((r) =>
    slotWithdrawnPayload({ id: r.id, ownerId: r.owner_id, practitionerId: r.practitioner_id, revision: r.revision }, reason),
  );
}
