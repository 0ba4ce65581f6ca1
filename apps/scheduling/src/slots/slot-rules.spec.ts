import { checkSlotSpan } from './slot-rules';

const now = new Date('2026-11-22T10:00:00Z');
const at = (iso: string) => new Date(iso);

describe('checkSlotSpan', () => {
  it('accepts a future slot of 20 minutes', () => {
    expect(checkSlotSpan(at('2026-11-22T11:00:00Z'), at('2026-11-22T11:20:00Z'), now)).toEqual([]);
  });

  it('refuses a slot that ends before it starts', () => {
    expect(checkSlotSpan(at('2026-11-22T11:00:00Z'), at('2026-11-22T10:59:00Z'), now)).toContainEqual({ field: 'end', reason: 'end must be after start' });
  });

  it('refuses a slot longer than 12 hours', () => {
    expect(checkSlotSpan(at('2026-11-22T11:00:00Z'), at('2026-11-23T00:00:00Z'), now)[0].field).toBe('end');
  });

  it('refuses a slot already over', () => {
    expect(checkSlotSpan(at('2026-11-22T08:00:00Z'), at('2026-11-22T08:20:00Z'), now)).toContainEqual({ field: 'end', reason: 'the slot is already over' });
  });
});
