import { checkSlotSpan, findOverlaps } from './slot-rules';

const now = new Date('2026-11-22T10:00:00Z');
const at = (iso: string) => new Date(iso);

describe('checkSlotSpan', () => {
  it('accepts a future slot of 20 minutes', () => {
    expect(checkSlotSpan(at('2026-11-22T11:00:00Z'), at('2026-11-22T11:20:00Z'), now)).toEqual([]);
  });

  it('refuses a slot that ends before it starts', () => {
    expect(checkSlotSpan(at('2026-11-22T11:00:00Z'), at('2026-11-22T10:59:00Z'), now)).toContainEqual({
      field: 'end',
      reason: 'end must be after start',
    });
  });

  it('refuses a slot longer than 12 hours', () => {
    expect(checkSlotSpan(at('2026-11-22T11:00:00Z'), at('2026-11-23T00:00:00Z'), now)[0].field).toBe('end');
  });

  it('refuses a slot that has already started', () => {
    expect(checkSlotSpan(at('2026-11-22T09:50:00Z'), at('2026-11-22T10:10:00Z'), now)).toContainEqual({
      field: 'start',
      reason: 'the slot starts in the past',
    });
  });
});

describe('findOverlaps', () => {
  const slot = (practitionerId: string | null, start: string, end: string) => ({
    practitionerId,
    startAt: at(start),
    endAt: at(end),
  });

  it('pairs overlapping slots of the same practitioner, whatever their order in the batch', () => {
    const batch = [
      slot('p1', '2026-11-22T11:10:00Z', '2026-11-22T11:30:00Z'),
      slot('p1', '2026-11-22T11:00:00Z', '2026-11-22T11:20:00Z'),
      slot('p2', '2026-11-22T11:00:00Z', '2026-11-22T11:20:00Z'),
    ];
    expect(findOverlaps(batch)).toEqual([[1, 0]]);
  });

  it('accepts back-to-back slots and slots of structures without a practitioner', () => {
    const batch = [
      slot('p1', '2026-11-22T11:00:00Z', '2026-11-22T11:20:00Z'),
      slot('p1', '2026-11-22T11:20:00Z', '2026-11-22T11:40:00Z'),
      slot(null, '2026-11-22T11:00:00Z', '2026-11-22T11:20:00Z'),
      slot(null, '2026-11-22T11:00:00Z', '2026-11-22T11:20:00Z'),
    ];
    expect(findOverlaps(batch)).toEqual([]);
  });
});
