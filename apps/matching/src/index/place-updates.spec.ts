import { randomUUID } from 'node:crypto';
import { SlotIndex } from './slot-index';
import { SlotPlace, SlotState } from './slot-profile';
import { FIXTURE_BASE_MS, slotState } from './slot-state.fixture';

const base = FIXTURE_BASE_MS;
const window = { from: new Date(base - 3600_000), to: new Date(base + 48 * 3600_000) };

/** A practitioner's place in two states: as registered (revision 1) and as changed (revision 2). */
function placeStates() {
  const placeId = randomUUID();
  const before: SlotPlace = {
    placeId,
    communeCode: '92044',
    latitude: 48.8939,
    longitude: 2.2879,
    wheelchairAccessible: false,
    languages: ['fr'],
    revision: 1,
    phone: '01 47 57 00 00',
  };
  const after: SlotPlace = {
    ...before,
    communeCode: '92024',
    latitude: 48.9,
    longitude: 2.25,
    wheelchairAccessible: true,
    languages: ['fr', 'en'],
    revision: 2,
    phone: '01 47 57 11 11',
    regulatorPhone: '06 12 34 56 78',
    addressLine: '3 rue Voltaire',
  };
  return { before, after };
}

/** Three slots of one owner at the place, as published before the change. */
function slotsAt(place: SlotPlace): SlotState[] {
  const ownerId = randomUUID();
  return [0, 1, 2].map((i) =>
    slotState({
      ownerId,
      practitionerId: ownerId,
      place,
      start: new Date(base + i * 3600_000).toISOString(),
      end: new Date(base + i * 3600_000 + 900_000).toISOString(),
    }),
  );
}

/** What searches see of each slot: its place and whether the new filters find it. */
function view(index: SlotIndex) {
  const all = index.filter(window).sort((a, b) => a.slotId.localeCompare(b.slotId));
  return {
    places: all.map((s) => [s.slotId, s.place]),
    wheelchair: index.filter({ ...window, wheelchairAccessible: true }).length,
    english: index.filter({ ...window, language: 'en' }).length,
    near: index.filter({ ...window, near: { latitude: 48.9, longitude: 2.25, radiusKm: 0.5 } }).length,
  };
}

describe('a place-updated state applied to the index', () => {
  it('applies at once to the slots published before it, filters and position included', () => {
    const { before, after } = placeStates();
    const index = new SlotIndex();
    const slots = slotsAt(before);
    slots.forEach((s) => index.upsert(s));
    expect(view(index)).toMatchObject({ wheelchair: 0, english: 0 });

    expect(index.applyPlace(after)).toBe(3);
    expect(view(index)).toEqual({
      places: slots.map((s) => [s.slotId, after]).sort((a, b) => (a[0] as string).localeCompare(b[0] as string)),
      wheelchair: 3,
      english: 3,
      near: 3,
    });
    expect(index.size).toBe(3);
  });

  it('applies to a slot published later with the older state (read after the update, from another topic)', () => {
    const { before, after } = placeStates();
    const index = new SlotIndex();
    index.applyPlace(after);
    const [late] = slotsAt(before);
    index.upsert(late);
    expect(index.filter(window)[0].place).toEqual(after);
  });

  it('keeps a newer place a slot brings over an older update, until that update arrives', () => {
    const { before, after } = placeStates();
    const third = { ...after, revision: 3, phone: '01 00 00 00 03' };
    const index = new SlotIndex();
    index.applyPlace(after);
    const [newer] = slotsAt(third);
    index.upsert(newer);
    expect(index.filter(window)[0].place.phone).toBe('01 00 00 00 03');
    expect(index.applyPlace(before)).toBe(0);
    expect(index.filter(window)[0].place.phone).toBe('01 00 00 00 03');
  });

  it('gives the same index whatever order the slot and directory topics are read in', () => {
    const { before, after } = placeStates();
    const slots = slotsAt(before);
    const withdrawn = slots[1];
    const orders: ((index: SlotIndex) => void)[][] = [
      [...slots.map((s) => (i: SlotIndex) => i.upsert(s)), (i) => i.applyPlace(after), (i) => i.withdraw(withdrawn.slotId, 2)],
      [(i) => i.applyPlace(after), ...slots.map((s) => (i: SlotIndex) => i.upsert(s)), (i) => i.withdraw(withdrawn.slotId, 2)],
      [
        (i) => i.upsert(slots[0]),
        (i) => i.applyPlace(after),
        (i) => i.withdraw(withdrawn.slotId, 2),
        (i) => i.upsert(slots[1]),
        (i) => i.upsert(slots[2]),
      ],
    ];
    const views = orders.map((steps) => {
      const index = new SlotIndex();
      steps.forEach((step) => step(index));
      return view(index);
    });
    expect(views[1]).toEqual(views[0]);
    expect(views[2]).toEqual(views[0]);
    expect(views[0].places).toHaveLength(2);
  });

  it('survives an export and import of the rows: a later old slot still takes the new place', () => {
    const { before, after } = placeStates();
    const index = new SlotIndex();
    const [first, second] = slotsAt(before);
    index.upsert(first);
    index.applyPlace(after);
    const restored = new SlotIndex();
    restored.importRows(index.exportRows());
    restored.upsert(second);
    expect(view(restored)).toEqual(view((index.upsert(second), index)));
    expect(restored.filter(window).every((s) => s.place.revision === 2)).toBe(true);
  });

  it('answers beyond slots as the place says, and not for a retired place or practitioner', () => {
    const { before, after } = placeStates();
    const index = new SlotIndex();
    const [slot] = slotsAt(before);
    index.upsert(slot);
    expect(index.acceptingBeyondSlots()).toHaveLength(0);
    index.applyPlace({ ...after, acceptsBeyondSlots: true });
    expect(index.acceptingBeyondSlots().map((o) => o.place.regulatorPhone)).toEqual(['06 12 34 56 78']);
    index.retire({ practitionerId: slot.practitionerId! });
    expect(index.acceptingBeyondSlots()).toHaveLength(0);
  });

  it("takes a retired place's slots out of search, and any state of them read later", () => {
    const { before } = placeStates();
    const index = new SlotIndex();
    const [kept, other] = slotsAt(before);
    index.upsert(kept);
    expect(index.retire({ placeId: before.placeId })).toBe(1);
    expect(index.size).toBe(0);
    // A booking kept by the retirement and cancelled later frees its slot again (revision 3).
    index.upsert({ ...kept, revision: 3 });
    index.upsert(other);
    expect(index.filter(window)).toEqual([]);
    const restored = new SlotIndex();
    restored.importRows(index.exportRows());
    restored.upsert({ ...other, revision: 2 });
    expect(restored.size).toBe(0);
  });
});
