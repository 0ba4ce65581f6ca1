import { fullFormats } from 'ajv-formats/dist/formats';
import { canonicalFormats, isCanonicalInstant, isCanonicalUuid } from './canonical-formats';

const fullDateTime = (fullFormats['date-time'] as { validate: (value: string) => boolean }).validate;
const fullUuid = fullFormats.uuid as RegExp;

describe('canonical formats: the same answers as ajv-formats, faster for the forms the services write', () => {
  const instants = [
    '2026-11-23T16:00:00.000Z',
    '2024-02-29T23:59:59.999Z',
    '2023-02-29T10:00:00.000Z',
    '2100-02-29T10:00:00.000Z',
    '2000-02-29T10:00:00.000Z',
    '2026-04-31T10:00:00.000Z',
    '2026-13-01T10:00:00.000Z',
    '2026-00-01T10:00:00.000Z',
    '2026-01-00T10:00:00.000Z',
    '2026-01-01T24:00:00.000Z',
    '2026-01-01T10:60:00.000Z',
    '2016-12-31T23:59:60.000Z',
    '2026-06-30T23:59:60.000Z',
    '2026-11-23T16:00:00Z',
    '2026-11-23T17:00:00.000+01:00',
    '2026-11-23t16:00:00.000z',
    '2026-11-23 16:00:00.000Z',
    '2026-11-23T16:00:00.000',
    '2026-11-23T16:00:0a.000Z',
    '+02026-11-23T16:00:00.000Z',
    '2026-11-23',
    '',
  ];
  it.each(instants)('date-time %j', (value) => {
    expect(canonicalFormats['date-time'](value)).toBe(fullDateTime(value));
  });

  it('takes the fast path only for valid instants in toISOString form', () => {
    expect(isCanonicalInstant(new Date(Date.UTC(2026, 2, 29, 1, 30)).toISOString())).toBe(true);
    expect(isCanonicalInstant('2026-11-23T16:00:00Z')).toBe(false);
    expect(isCanonicalInstant('2026-02-30T16:00:00.000Z')).toBe(false);
  });

  const uuids = [
    '0af76519-16cd-43dd-8448-eb211c80319c',
    '0AF76519-16CD-43DD-8448-EB211C80319C',
    'urn:uuid:0af76519-16cd-43dd-8448-eb211c80319c',
    '00000000-0000-0000-0000-000000000000',
    '0af7651916cd43dd8448eb211c80319c',
    '0af76519-16cd-43dd-8448-eb211c80319g',
    '0af76519-16cd-43dd-8448-eb211c80319',
    '',
  ];
  it.each(uuids)('uuid %j', (value) => {
    expect(canonicalFormats.uuid(value)).toBe(fullUuid.test(value));
  });

  it('takes the fast path only for lower-case UUIDs in randomUUID form', () => {
    expect(isCanonicalUuid('0af76519-16cd-43dd-8448-eb211c80319c')).toBe(true);
    expect(isCanonicalUuid('0AF76519-16CD-43DD-8448-EB211C80319C')).toBe(false);
    expect(isCanonicalUuid('0af76519-16cd-43dd-8448_eb211c80319c')).toBe(false);
    expect(isCanonicalUuid('0af76519-16cd-43dd-8448-eb211c80319:')).toBe(false);
  });
});
