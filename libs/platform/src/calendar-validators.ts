import { ValidateBy, ValidationOptions } from 'class-validator';
import { fullFormats } from 'ajv-formats/dist/formats';

/**
 * Dates and instants as the API documents them, checked once for every DTO: a calendar
 * date that exists (2026-02-30 does not), an instant with its offset (RFC 3339: a local
 * time or a bare date is ambiguous for a 24/7 service across DST), and a year PostgreSQL
 * and the Europe/Paris calendar handle (1900–2999; year 0 does not exist in PostgreSQL).
 * A string that passed a pattern but not the calendar failed later in SQL with a 500.
 */
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2999;
const rfc3339 = (fullFormats['date-time'] as { validate: (value: string) => boolean }).validate;

export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return (
    year >= MIN_YEAR &&
    year <= MAX_YEAR &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= (month === 2 && leap ? 29 : DAYS[month])
  );
}

export function isInstantWithOffset(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > 40 || !rfc3339(value)) return false;
  const year = Number(value.slice(0, 4));
  return year >= MIN_YEAR && year <= MAX_YEAR && Number.isFinite(Date.parse(value));
}

/** A calendar date YYYY-MM-DD that exists, years 1900–2999. */
export const IsCalendarDate = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: isCalendarDate,
        defaultMessage: (a) => `${a?.property} must be a calendar date YYYY-MM-DD that exists (years ${MIN_YEAR}–${MAX_YEAR})`,
      },
    },
    options,
  );

/** An ISO 8601 / RFC 3339 date-time with its offset (Z or ±hh:mm), years 1900–2999. */
export const IsInstantWithOffset = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isInstantWithOffset',
      validator: {
        validate: isInstantWithOffset,
        defaultMessage: (a) =>
          `${a?.property} must be an ISO 8601 date-time with its offset (e.g. 2026-11-09T08:30:00+01:00), years ${MIN_YEAR}–${MAX_YEAR}`,
      },
    },
    options,
  );
