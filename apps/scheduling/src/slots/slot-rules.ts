/** Rules on a slot's time span, independent of any framework. */

export const MAX_SLOT_MINUTES = 12 * 60;

export interface SlotSpanError {
  field: 'start' | 'end';
  reason: string;
}

/** Checks that a slot ends after it starts, lasts at most 12 h and has not started yet. */
export function checkSlotSpan(start: Date, end: Date, now: Date): SlotSpanError[] {
  const errors: SlotSpanError[] = [];
  if (end.getTime() <= start.getTime()) errors.push({ field: 'end', reason: 'end must be after start' });
  else if (end.getTime() - start.getTime() > MAX_SLOT_MINUTES * 60_000)
    errors.push({ field: 'end', reason: `a slot lasts at most ${MAX_SLOT_MINUTES} minutes` });
  if (start.getTime() <= now.getTime()) errors.push({ field: 'start', reason: 'the slot starts in the past' });
  return errors;
}

/** Pairs [earlier, later] of batch indexes whose slots overlap for the same practitioner. */
export function findOverlaps(slots: { practitionerId: string | null; startAt: Date; endAt: Date }[]): [number, number][] {
  const order = slots
    .map((slot, index) => ({ slot, index }))
    .filter((e) => e.slot.practitionerId !== null)
    .sort(
      (a, b) =>
        a.slot.practitionerId!.localeCompare(b.slot.practitionerId!) || a.slot.startAt.getTime() - b.slot.startAt.getTime(),
    );
  const overlaps: [number, number][] = [];
  for (let k = 1; k < order.length; k++) {
    const [previous, current] = [order[k - 1], order[k]];
    if (previous.slot.practitionerId === current.slot.practitionerId && current.slot.startAt < previous.slot.endAt) {
      overlaps.push([previous.index, current.index]);
    }
  }
  return overlaps;
}
