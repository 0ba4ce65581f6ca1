import { dropUndefined, PayloadOf, PlaceUpdated, PractitionerUpdated, SlotPublished } from '@sas/contracts';
import { PlaceEntity } from './place.entity';
import { PractitionerEntity } from './practitioner.entity';

export type PlacePayload = PayloadOf<typeof SlotPublished>['place'];

/** A place as slot events and place-updated carry it: what matching ranks, filters and answers on. */
export function placePayload(place: PlaceEntity): PlacePayload & { revision: number } {
  return dropUndefined({
    placeId: place.id,
    communeCode: place.communeCode,
    latitude: place.latitude ?? undefined,
    longitude: place.longitude ?? undefined,
    homeVisitRadiusKm: place.homeVisitRadiusKm ?? undefined,
    wheelchairAccessible: place.wheelchairAccessible,
    conventionSector: place.conventionSector ?? undefined,
    thirdPartyPayment: place.thirdPartyPayment,
    languages: place.languages,
    // Only what a place offers: an absent flag reads as not offered, and older events replay alike.
    treatsWithoutCover: place.treatsWithoutCover || undefined,
    interpreting: place.interpreting || undefined,
    accessibility: place.accessibility?.length ? place.accessibility : undefined,
    revision: place.revision,
    name: place.name ?? undefined,
    addressLine: place.addressLine ?? undefined,
    postalCode: place.postalCode ?? undefined,
    city: place.city ?? undefined,
    phone: place.phone ?? undefined,
    regulatorPhone: place.regulatorPhone ?? undefined,
    acceptsBeyondSlots: place.acceptsBeyondSlots ?? undefined,
  });
}

/** Whose a place is: its practitioner, else its structure (the key of its events). */
export function placeOwnerId(place: Pick<PlaceEntity, 'practitionerId' | 'structureId'>): string {
  return (place.practitionerId ?? place.structureId)!;
}

export function placeUpdatedPayload(place: PlaceEntity, at: Date): PayloadOf<typeof PlaceUpdated> {
  return dropUndefined({
    ownerId: placeOwnerId(place),
    placeId: place.id,
    practitionerId: place.practitionerId ?? undefined,
    structureId: place.structureId ?? undefined,
    place: placePayload(place),
    updatedAt: at.toISOString(),
  });
}

export function practitionerUpdatedPayload(practitioner: PractitionerEntity, at: Date): PayloadOf<typeof PractitionerUpdated> {
  const identifier = practitioner.rpps
    ? { system: 'RPPS' as const, value: practitioner.rpps }
    : practitioner.adeli
      ? { system: 'ADELI' as const, value: practitioner.adeli }
      : undefined;
  return dropUndefined({
    ownerId: practitioner.id,
    practitionerId: practitioner.id,
    identifier,
    revision: practitioner.revision,
    practitioner: dropUndefined({
      familyName: practitioner.familyName ?? undefined,
      givenName: practitioner.givenName ?? undefined,
      profession: practitioner.profession,
      specialties: practitioner.specialties,
    }),
    updatedAt: at.toISOString(),
  });
}
