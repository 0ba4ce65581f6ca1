import type { HandOver } from '../vendors/hand-over/hand-over.service';
import type { VendorConfirmation } from '../vendors/pull/vendor-freshness';
import type { SlotEntity } from '../slots/slot.entity';
import type { BookedPractitioner, BookingSlotRow } from './appointments.service';

/** Where and with whom a booked or handed-over slot is: what both answers carry besides the booking itself. */
export interface BookedSlotDetails {
  start: Date;
  end: Date;
  ownerId: string;
  practitionerId: string | null;
  practitionerRpps: string | null;
  /** The practitioner as the directory knows them, for the SAMU's regulation software (not patient data). */
  practitioner: BookedPractitioner | null;
  structureId: string | null;
  placeId: string;
  communeCode: string;
}

/** What a booking of a vendor-hosted slot answers (202): no appointment yet, the vendor's page to book on. */
export interface HandedOverSlot extends BookedSlotDetails {
  handOver: HandOver;
  slotId: string;
  mode: SlotEntity['modes'][number];
  vendorConfirmation?: VendorConfirmation;
}

export function bookedSlotDetails(slot: SlotEntity, row: BookingSlotRow): BookedSlotDetails {
  return {
    start: slot.startAt,
    end: slot.endAt,
    ownerId: slot.ownerId,
    practitionerId: slot.practitionerId,
    practitionerRpps: row.practitioner_rpps,
    practitioner: row.practitioner_profession
      ? {
          familyName: row.practitioner_family_name,
          givenName: row.practitioner_given_name,
          profession: row.practitioner_profession,
          specialties: row.practitioner_specialties ?? [],
        }
      : null,
    structureId: slot.structureId,
    placeId: slot.placeId,
    communeCode: row.commune_code,
  };
}

export function handedOver(
  handOver: HandOver,
  slot: SlotEntity,
  row: BookingSlotRow,
  mode: SlotEntity['modes'][number],
  vendorConfirmation: VendorConfirmation | undefined,
): HandedOverSlot {
  return {
    handOver,
    slotId: slot.id,
    mode,
    ...bookedSlotDetails(slot, row),
    ...(vendorConfirmation && { vendorConfirmation }),
  };
}
