import { SlotPlace, SlotShared } from './slot-profile';

/** What a snapshot keeps of the directory. */
export interface DirectoryRows {
  places: SlotPlace[];
  retiredPlaces: string[];
  retiredPractitioners: string[];
}

/**
 * What matching knows of the directory from its own topic: the latest state of each place
 * that changed (place-updated, highest revision kept), and the places and practitioners
 * retired. The directory topic is read beside the slot topic, in no order with it: a slot
 * event may carry an older state of its place than a place-updated read before it, or a
 * newer one than a place-updated still to come. Each slot takes the place of the higher
 * revision of the two, and a place-updated re-applies to the slots that carry an older
 * one, so that any order of reading gives the same index (a replay, a snapshot's restart).
 */
export class PlaceDirectory {
  private readonly places = new Map<string, SlotPlace>();
  private readonly retiredPlaces = new Set<string>();
  private readonly retiredPractitioners = new Set<string>();

  /** The place a slot is to carry: the one it came with, or the directory's when newer. */
  latest(place: SlotPlace): SlotPlace {
    const known = this.places.get(place.placeId);
    return known && revisionOf(known) > revisionOf(place) ? known : place;
  }

  /** Takes a place-updated state in; true when it is newer than the one known (slots must follow). */
  update(place: SlotPlace): boolean {
    const known = this.places.get(place.placeId);
    if (known && revisionOf(known) >= revisionOf(place)) return false;
    this.places.set(place.placeId, place);
    return true;
  }

  /** Marks a place retired (SlotIndex.retire takes its slots out). */
  retirePlace(placeId: string): void {
    this.retiredPlaces.add(placeId);
  }

  retirePractitioner(practitionerId: string): void {
    this.retiredPractitioners.add(practitionerId);
  }

  /** Whether a slot's or an offer's place or practitioner is retired. */
  retired(offer: Pick<SlotShared, 'place' | 'practitionerId'>): boolean {
    return (
      this.retiredPlaces.has(offer.place.placeId) ||
      (offer.practitionerId !== undefined && this.retiredPractitioners.has(offer.practitionerId))
    );
  }

  export(): DirectoryRows {
    return {
      places: [...this.places.values()],
      retiredPlaces: [...this.retiredPlaces],
      retiredPractitioners: [...this.retiredPractitioners],
    };
  }

  import(rows: DirectoryRows): void {
    for (const place of rows.places) this.update(place);
    for (const id of rows.retiredPlaces) this.retiredPlaces.add(id);
    for (const id of rows.retiredPractitioners) this.retiredPractitioners.add(id);
  }
}

/** A place's revision; events older than the field count as 0. */
export function revisionOf(place: SlotPlace): number {
  return place.revision ?? 0;
}
