import { SLOT_TEXT_LIMITS } from '@sas/contracts';
import { FieldError, isInstantWithOffset } from '@sas/platform';

/**
 * The rules a slot's fields obey however the slot arrives: the API's DTOs and the vendor
 * Bundle parser both call them. The vendor path skipped the DTOs, so a `javascript:`
 * booking URL was stored, published and served to regulators, and a latitude of 999 or
 * "abc" failed the insert with a 500.
 */

/** Characters of other free text a vendor sends (names, address lines, identifiers). */
export const VENDOR_TEXT_LENGTH = 200;

/** A booking page regulators open: http(s) only, a parsable absolute URL, bounded. */
export function checkBookingUrl(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'must be a URL';
  if (value.length > SLOT_TEXT_LIMITS.bookingUrlLength) return `must be at most ${SLOT_TEXT_LIMITS.bookingUrlLength} characters`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an absolute URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `must be an http or https URL, not ${url.protocol}`;
  return undefined;
}

/** Specialties: a bounded list of bounded, non-empty codes or texts. */
export function checkSpecialties(value: unknown): string | undefined {
  if (!Array.isArray(value)) return 'must be a list';
  if (value.length > SLOT_TEXT_LIMITS.specialties) return `must hold at most ${SLOT_TEXT_LIMITS.specialties} specialties`;
  if (value.some((s) => typeof s !== 'string' || s.length < 1 || s.length > SLOT_TEXT_LIMITS.specialtyLength)) {
    return `each specialty must be 1 to ${SLOT_TEXT_LIMITS.specialtyLength} characters`;
  }
  return undefined;
}

/** A WGS 84 position: both numbers, in range, or neither. */
export function checkPosition(latitude: unknown, longitude: unknown): { field: 'latitude' | 'longitude'; reason: string }[] {
  if (latitude === undefined && longitude === undefined) return [];
  const errors: { field: 'latitude' | 'longitude'; reason: string }[] = [];
  if (typeof latitude !== 'number' || !Number.isFinite(latitude) || latitude < -90 || latitude > 90)
    errors.push({ field: 'latitude', reason: 'must be a number from -90 to 90' });
  if (typeof longitude !== 'number' || !Number.isFinite(longitude) || longitude < -180 || longitude > 180)
    errors.push({ field: 'longitude', reason: 'must be a number from -180 to 180' });
  return errors;
}

/** Optional free text: a string of at most `max` characters. */
export function checkText(value: unknown, max = VENDOR_TEXT_LENGTH): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') return 'must be text';
  return value.length > max ? `must be at most ${max} characters` : undefined;
}

/** A vendor slot's fields as the parser read them, before they are trusted. */
export interface VendorSlotFields {
  id: unknown;
  start: unknown;
  end: unknown;
  specialties: unknown;
  bookingUrl: unknown;
  /** FHIR paths of the texts to bound, with their values. */
  texts: [string, unknown][];
  position?: { path: string; latitude: unknown; longitude: unknown };
}

/** Every rule above, on a vendor slot; the fields name FHIR paths under `at`. */
export function vendorSlotErrors(at: string, slot: VendorSlotFields): FieldError[] {
  const errors: FieldError[] = [];
  const add = (path: string, reason: string | undefined) => reason && errors.push({ field: `${at}.${path}`, reason });
  add('id', checkText(slot.id, VENDOR_TEXT_LENGTH));
  if (slot.start !== undefined && !isInstantWithOffset(slot.start)) add('start', 'start must be an instant with its offset');
  if (slot.end !== undefined && !isInstantWithOffset(slot.end)) add('end', 'end must be an instant with its offset');
  add('specialty', checkSpecialties(slot.specialties));
  const url = slot.bookingUrl === undefined ? undefined : checkBookingUrl(slot.bookingUrl);
  add('comment', url && `the booking URL ${url}`);
  for (const [path, value] of slot.texts) add(path, checkText(value));
  if (slot.position)
    for (const e of checkPosition(slot.position.latitude, slot.position.longitude))
      add(`${slot.position.path}.${e.field}`, e.reason);
  return errors;
}
