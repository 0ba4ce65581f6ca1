import { SlotState } from '../index/slot-index';
import { SlotPlace } from '../index/slot-profile';
import { RankedSlot } from '../ranking/rank-slots';

/**
 * Every field of a slot's state (the compiler names any a result would leave out), and the ranking's.
 * A walk-in opening's places left are not kept by the index: a full one is withdrawn, so it leaves search.
 */
type SearchResultFields = { [K in Exclude<keyof SlotState, 'remainingCapacity'>]-?: unknown } & {
  distanceKm: unknown;
  weeklyLoad: unknown;
  atWeeklyCap: unknown;
  reasons: unknown;
  callPhone: unknown;
};

/**
 * A ranked slot as the search API answers it: everything needed to book, the distance,
 * the weekly load and the reasons of its rank. Written field by field into one literal
 * (not by spreading the slot and leaving out its start in ms): every result then has
 * the same shape, which V8 builds and JSON.stringify writes far faster, and a search
 * answers up to 100 of them.
 */
export function searchResult({ slot, distanceKm, weeklyLoad, atCap, reasons }: RankedSlot) {
  return {
    slotId: slot.slotId,
    ownerId: slot.ownerId,
    practitionerId: slot.practitionerId,
    practitioner: slot.practitioner,
    structureId: slot.structureId,
    structure: slot.structure,
    profession: slot.profession,
    specialties: slot.specialties,
    place: slot.place,
    start: slot.start,
    end: slot.end,
    visibility: slot.visibility,
    modes: slot.modes,
    appointmentType: slot.appointmentType,
    bookingUrl: slot.bookingUrl,
    acceptsBeyondSlots: slot.acceptsBeyondSlots,
    capacity: slot.capacity,
    revision: slot.revision,
    callPhone: callPhoneOf(slot.place),
    distanceKm,
    weeklyLoad,
    atWeeklyCap: atCap,
    reasons,
  } satisfies SearchResultFields;
}

/**
 * The number a regulator calls about a slot or a practitioner: the line the practice gives
 * the SAS, else its public number (null when the place has neither). The practice's, never
 * a patient's; both also stay in `place` with its address.
 */
export function callPhoneOf(place: SlotPlace): string | null {
  return place.regulatorPhone ?? place.phone ?? null;
}
