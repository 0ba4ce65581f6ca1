/** Rules on a slot's time span, independent of any framework. */

export const MAX_SLOT_MINUTES = 12 * 60;

export interface SlotSpanError {
  field: 'start' | 'end';
  reason: string;
}

/** Checks that a slot ends after it starts, lasts at most 12 h and is not already over. */
export function checkSlotSpan(start: Date, end: Date, now: Date): SlotSpanError[] {
  const errors: SlotSpanError[] = [];
  if (end.getTime() <= start.getTime()) errors.push({ field: 'end', reason: 'end must be after start' });
  else if (end.getTime() - start.getTime() > MAX_SLOT_MINUTES * 60_000)
    errors.push({ field: 'end', reason: `a slot lasts at most ${MAX_SLOT_MINUTES} minutes` });
  if (end.getTime() <= now.getTime()) errors.push({ field: 'end', reason: 'the slot is already over' });
  return errors;
}
