import { MemoryInbox } from '@sas/messaging';
import { randomUUID } from 'node:crypto';
import { SlotIndex, SlotState } from '../index/slot-index';
import { FIXTURE_BASE_MS, slotState } from '../index/slot-state.fixture';
import { WeeklyLoad } from '../ranking/weekly-load';
import { decodeSnapshot, encodeSnapshot, MatchingSnapshot } from './snapshot-format';

const base = FIXTURE_BASE_MS;
const everything = { from: new Date(base - 86400_000), to: new Date(base + 30 * 86400_000) };

/** A slot of a practitioner with coordinates and spoken languages (all that a snapshot must keep). */
const state = (overrides: Partial<SlotState> = {}) =>
  slotState({
    practitionerId: randomUUID(),
    practitioner: { system: 'RPPS', value: '10000000009' },
    place: { placeId: randomUUID(), communeCode: '92044', latitude: 48.89, longitude: 2.29, languages: ['fr'] },
    ...overrides,
  });

/** Encoded to one buffer, as the file holds it. */
const roundTrip = async (snapshot: MatchingSnapshot) => decodeSnapshot(Buffer.concat(await encodeSnapshot(snapshot)));

const found = (index: SlotIndex) => index.filter(everything).sort((a, b) => a.slotId.localeCompare(b.slotId));

describe('matching snapshots', () => {
  it('give back an index that answers as the one they were taken of', async () => {
    const now = base;
    const index = new SlotIndex();
    const owner = state();
    const slots = Array.from({ length: 300 }, (_, i) =>
      state({
        ...owner,
        slotId: randomUUID(),
        start: new Date(base + i * 15 * 60_000).toISOString(),
        end: new Date(base + (i + 1) * 15 * 60_000).toISOString(),
        modes: i % 3 === 0 ? ['VR'] : ['AMB'],
        acceptsBeyondSlots: i === 299,
      }),
    );
    slots.forEach((s) => index.upsert(s));
    // Booked (withdrawn), withdrawn before being seen, an id kept verbatim, times not in toISOString form, an update.
    index.withdraw(slots[0].slotId, 2, now);
    index.withdraw(randomUUID(), 5, now);
    const upper = state({ slotId: randomUUID().toUpperCase() });
    const offset = state({ start: '2026-11-23T11:00:00+01:00', end: '2026-11-23T11:15:00+01:00' });
    [upper, offset, { ...slots[1], revision: 3, visibility: ['PRO'] } as SlotState].forEach((s) => index.upsert(s));
    // A withdrawal forgotten once its slot was over leaves an unused row.
    const over = state({ start: new Date(base - 7200_000).toISOString(), end: new Date(base - 3600_000).toISOString() });
    index.upsert(over);
    index.withdraw(over.slotId, 2, now);
    index.pruneWithdrawals(base);
    // The latest offer of an owner whose slots are all gone stays.
    const gone = state({ acceptsBeyondSlots: true });
    index.upsert(gone);
    index.withdraw(gone.slotId, 2, now);

    const restored = new SlotIndex();
    const decoded = await roundTrip({
      clusterId: 'c',
      takenAt: 't',
      positions: new Map([['topic:0', 42n]]),
      index: index.exportRows(),
      appointments: [],
      inboxIds: [],
    });
    restored.importRows(decoded.index);

    expect(decoded.positions).toEqual(new Map([['topic:0', 42n]]));
    expect(restored.size).toBe(index.size);
    expect(restored.withdrawalsRemembered).toBe(index.withdrawalsRemembered);
    expect(found(restored)).toEqual(found(index));
    expect(restored.filter({ ...everything, mode: 'VR' }).length).toBe(index.filter({ ...everything, mode: 'VR' }).length);
    expect(restored.acceptingBeyondSlots()).toEqual(index.acceptingBeyondSlots());
    expect(restored.acceptingBeyondSlots().map((o) => o.ownerId)).toEqual(expect.arrayContaining([gone.ownerId, owner.ownerId]));

    // Withdrawals keep their revision: an older publication does not bring the slot back, a newer one does.
    restored.upsert({ ...slots[0], revision: 1 });
    expect(restored.filter(everything).some((s) => s.slotId === slots[0].slotId)).toBe(false);
    restored.upsert({ ...slots[0], revision: 4 });
    expect(restored.filter(everything).some((s) => s.slotId === slots[0].slotId)).toBe(true);
    // The forgotten withdrawal is forgotten there too: its slot may come back at any revision.
    restored.upsert({ ...over, revision: 1 });
    expect(restored.filter(everything).some((s) => s.slotId === over.slotId)).toBe(true);
    // Withdrawals are forgotten once their slot is over, as before the snapshot.
    restored.pruneWithdrawals(base + 30 * 86400_000);
    index.pruneWithdrawals(base + 30 * 86400_000);
    expect(restored.withdrawalsRemembered).toBe(index.withdrawalsRemembered);
  });

  it('give back the weekly load and the inbox', async () => {
    const load = new WeeklyLoad();
    load.booked('a1', 'p1', new Date(base));
    load.booked('a2', 'p1', new Date(base + 3600_000));
    load.cancelled('a2');
    load.booked('a3', 'p2', new Date(base));
    load.moved('a3', 'p1', new Date(base + 7200_000));
    const inbox = new MemoryInbox(2);
    const ids = [randomUUID(), randomUUID(), randomUUID(), 'not-a-uuid', '00000000-0000-0000-0000-000000000000'];
    ids.forEach((id) => inbox.add(id));

    const decoded = await roundTrip({
      clusterId: 'c',
      takenAt: 't',
      positions: new Map(),
      index: new SlotIndex().exportRows(),
      appointments: load.entries(),
      inboxIds: inbox.ids(),
    });
    const restoredLoad = new WeeklyLoad();
    restoredLoad.restore(decoded.appointments);
    const restoredInbox = new MemoryInbox(2);
    decoded.inboxIds.forEach((id) => restoredInbox.add(id));

    expect(restoredLoad.of('p1', new Date(base))).toBe(2);
    expect(restoredLoad.of('p2', new Date(base))).toBe(0);
    // A repeated cancellation or booking changes nothing, as before.
    restoredLoad.booked('a2', 'p1', new Date(base));
    expect(restoredLoad.of('p1', new Date(base))).toBe(2);
    // The inbox remembered the most recent ids (two generations of two): so does the restored one.
    expect(restoredInbox.size).toBe(inbox.size);
    for (const id of ids) expect(restoredInbox.has(id)).toBe(inbox.has(id));
  });

  it('refuses what is not a whole snapshot', async () => {
    const whole = Buffer.concat(
      await encodeSnapshot({
        clusterId: 'c',
        takenAt: 't',
        positions: new Map(),
        index: indexOf(10).exportRows(),
        appointments: [],
        inboxIds: [],
      }),
    );
    expect(() => decodeSnapshot(whole.subarray(0, whole.length - 1))).toThrow('truncated snapshot');
    expect(() => decodeSnapshot(whole.subarray(0, 60))).toThrow('truncated snapshot');
    expect(() => decodeSnapshot(Buffer.from('{"slots": []}'))).toThrow('not a matching snapshot');
    expect(decodeSnapshot(whole).index.count).toBe(10);
  });
});

function indexOf(slots: number): SlotIndex {
  const index = new SlotIndex();
  for (let i = 0; i < slots; i++) index.upsert(state());
  return index;
}
