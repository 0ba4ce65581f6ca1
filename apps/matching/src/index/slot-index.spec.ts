import { randomUUID } from 'node:crypto';
import { SlotIndex } from './slot-index';
import { FIXTURE_BASE_MS, slotState } from './slot-state.fixture';

const base = FIXTURE_BASE_MS;
const window = { from: new Date(base - 3600_000), to: new Date(base + 48 * 3600_000) };
const slot = slotState;

describe('SlotIndex', () => {
  it('returns the free slots of the window', () => {
    const index = new SlotIndex();
    const later = slot({ start: new Date(base + 3600_000).toISOString() });
    const earlier = slot();
    const outside = slot({ start: new Date(base + 72 * 3600_000).toISOString() });
    [later, earlier, outside].forEach((s) => index.upsert(s));
    expect(
      index
        .filter(window)
        .map((s) => s.slotId)
        .sort(),
    ).toEqual([earlier.slotId, later.slotId].sort());
  });

  it('applies the equity filters: sector 1, third-party payment, wheelchair access, language', () => {
    const index = new SlotIndex();
    const place = { placeId: randomUUID(), communeCode: '92044' };
    const open = slot({
      place: { ...place, conventionSector: '1', thirdPartyPayment: true, wheelchairAccessible: true, languages: ['fr', 'ar'] },
    });
    const closed = slot({
      place: { ...place, conventionSector: '2', thirdPartyPayment: false, wheelchairAccessible: false, languages: ['fr'] },
    });
    [open, closed].forEach((s) => index.upsert(s));
    for (const criterion of [
      { sector1Only: true },
      { thirdPartyPayment: true },
      { wheelchairAccessible: true },
      { language: 'ar' },
    ]) {
      expect(index.filter({ ...window, ...criterion }).map((s) => s.slotId)).toEqual([open.slotId]);
    }
  });

  it('filters by mode, specialty and commune', () => {
    const index = new SlotIndex();
    const video = slot({ modes: ['VR'] });
    const midwife = slot({ specialties: ['SF'] });
    const elsewhere = slot({ place: { placeId: randomUUID(), communeCode: '75056' } });
    [video, midwife, elsewhere].forEach((s) => index.upsert(s));
    expect(index.filter({ ...window, mode: 'VR' }).map((s) => s.slotId)).toEqual([video.slotId]);
    expect(index.filter({ ...window, specialty: 'SF' }).map((s) => s.slotId)).toEqual([midwife.slotId]);
    expect(index.filter({ ...window, communeCode: '75056' }).map((s) => s.slotId)).toEqual([elsewhere.slotId]);
  });

  it('ignores an older revision arriving after a newer one', () => {
    const index = new SlotIndex();
    const v2 = slot({ revision: 2, modes: ['VR'] });
    index.upsert(v2);
    index.upsert({ ...v2, revision: 1, modes: ['AMB'] });
    expect(index.filter(window)[0].modes).toEqual(['VR']);
  });

  it('removes a booked slot and shows it again when released with a newer revision', () => {
    const index = new SlotIndex();
    const s = slot();
    index.upsert(s);
    index.withdraw(s.slotId, 2);
    expect(index.filter(window)).toEqual([]);
    index.upsert({ ...s, revision: 3 });
    expect(index.filter(window)).toHaveLength(1);
  });

  it('forgets the withdrawals of slots that are over', () => {
    const index = new SlotIndex();
    const over = slot();
    index.upsert(over);
    index.withdraw(over.slotId, 2);
    index.withdraw(randomUUID(), 1); // never seen: remembered for 30 days
    index.pruneWithdrawals(base + 3600_000);
    expect(index.withdrawalsRemembered).toBe(1);
    index.pruneWithdrawals(Date.now() + 31 * 86400_000);
    expect(index.withdrawalsRemembered).toBe(0);
  });

  it('does not resurrect a withdrawn slot from a late publication', () => {
    const index = new SlotIndex();
    const s = slot();
    index.withdraw(s.slotId, 2);
    index.upsert({ ...s, revision: 1 });
    expect(index.size).toBe(0);
  });

  it('publishes a slot withdrawn before it was seen only with a newer revision', () => {
    const index = new SlotIndex();
    const s = slot();
    index.withdraw(s.slotId, 2);
    index.upsert({ ...s, revision: 2 });
    expect(index.filter(window)).toEqual([]);
    index.upsert({ ...s, revision: 3 });
    expect(index.filter(window).map((found) => [found.slotId, found.revision])).toEqual([[s.slotId, 3]]);
    expect([index.size, index.withdrawalsRemembered]).toEqual([1, 0]);
  });

  it('ignores a withdrawal older than the indexed revision', () => {
    const index = new SlotIndex();
    const s = slot({ revision: 3 });
    index.upsert(s);
    index.withdraw(s.slotId, 2);
    expect(index.filter(window).map((found) => found.slotId)).toEqual([s.slotId]);
    expect([index.size, index.withdrawalsRemembered]).toEqual([1, 0]);
  });

  it('counts free slots and remembered withdrawals apart', () => {
    const index = new SlotIndex();
    const slots = Array.from({ length: 5 }, () => slot());
    slots.forEach((s) => index.upsert(s));
    index.withdraw(slots[0].slotId, 2);
    index.withdraw(slots[1].slotId, 2);
    index.withdraw(slots[1].slotId, 3);
    index.withdraw(randomUUID(), 1);
    expect([index.size, index.withdrawalsRemembered]).toEqual([3, 3]);
    index.upsert({ ...slots[0], revision: 3 });
    expect([index.size, index.withdrawalsRemembered]).toEqual([4, 2]);
    expect(index.filter(window)).toHaveLength(4);
  });

  it('reuses the rows of the withdrawals it forgets', () => {
    const index = new SlotIndex();
    const over = Array.from({ length: 3 }, () => slot());
    over.forEach((s) => index.upsert(s));
    over.forEach((s) => index.withdraw(s.slotId, 2));
    index.pruneWithdrawals(base + 3600_000);
    expect(index.withdrawalsRemembered).toBe(0);
    const next = Array.from({ length: 3 }, () => slot());
    next.forEach((s) => index.upsert(s));
    const rows: number[] = [];
    index.scan(window, (row) => rows.push(row));
    expect(rows.sort((a, b) => a - b)).toEqual([0, 1, 2]);
    expect(
      index
        .filter(window)
        .map((s) => s.slotId)
        .sort(),
    ).toEqual(next.map((s) => s.slotId).sort());
    // Forgotten: a late publication of a slot that is over is taken as new.
    index.upsert(over[0]);
    expect(index.size).toBe(4);
  });

  it('keeps an id that is not a lower-case UUID as it came, and finds it again', () => {
    const index = new SlotIndex();
    const upper = slot({ slotId: randomUUID().toUpperCase() });
    const lower = slot({ slotId: upper.slotId.toLowerCase() });
    index.upsert(upper);
    index.upsert(lower);
    expect(
      index
        .filter(window)
        .map((s) => s.slotId)
        .sort(),
    ).toEqual([upper.slotId, lower.slotId].sort());
    index.upsert({ ...upper, revision: 2, modes: ['VR'] });
    expect(index.filter({ ...window, mode: 'VR' }).map((s) => s.slotId)).toEqual([upper.slotId]);
    index.withdraw(upper.slotId, 3);
    expect(index.filter(window).map((s) => s.slotId)).toEqual([lower.slotId]);
    index.upsert({ ...upper, revision: 2 });
    expect([index.size, index.withdrawalsRemembered]).toEqual([1, 1]);
  });
});

describe('SlotIndex buckets', () => {
  it('keeps starts and SNP flags exact when slots of one cell and hour come and go in any order', () => {
    const index = new SlotIndex();
    const place = { placeId: randomUUID(), communeCode: '92044', latitude: 48.89, longitude: 2.29 };
    const ownerId = randomUUID();
    // Same cell, same hour: one bucket; starts to the millisecond, half SNP.
    const slots = Array.from({ length: 40 }, (_, i) =>
      slot({
        ownerId,
        place,
        start: new Date(base + i * 61_001 + 7).toISOString(),
        end: new Date(base + 3600_000).toISOString(),
        visibility: i % 2 ? ['SNP'] : ['PUBLIC'],
      }),
    );
    slots.forEach((s) => index.upsert(s));
    const gone = new Set<string>();
    for (const i of [0, 39, 17, 18, 5, 22, 31]) {
      index.withdraw(slots[i].slotId, 2);
      gone.add(slots[i].slotId);
    }
    const expected = slots.filter((s) => !gone.has(s.slotId));
    const seen: { slotId: string; startMs: number; snp: boolean }[] = [];
    index.scan(window, (row, _key, snp, startMs) => seen.push({ slotId: index.slotId(row), startMs, snp }));
    expect(seen.sort((a, b) => a.startMs - b.startMs)).toEqual(
      expected.map((s) => ({ slotId: s.slotId, startMs: Date.parse(s.start), snp: s.visibility.includes('SNP') })),
    );
    expect(
      index
        .filter(window)
        .map((s) => s.start)
        .sort(),
    ).toEqual(expected.map((s) => s.start));
  });
});
