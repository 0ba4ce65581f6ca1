import { randomUUID } from 'node:crypto';
import { distanceKm } from '@sas/referentials';
import { IndexedSlot, SlotIndex, SlotState } from './slot-index';

const now = Date.parse('2026-11-23T08:00:00Z');
const window = { from: new Date(now), to: new Date(now + 48 * 3600_000) };

/** A deterministic pseudo-random generator, so the test is the same on every run. */
function random(seed: number) {
  return () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

function slotAt(latitude: number, longitude: number, modes: SlotState['modes'], hours: number): SlotState {
  return {
    slotId: randomUUID(),
    ownerId: randomUUID(),
    profession: 'general-practitioner',
    specialties: ['SM54'],
    place: { placeId: randomUUID(), communeCode: '92044', latitude, longitude },
    start: new Date(now + hours * 3600_000).toISOString(),
    end: new Date(now + hours * 3600_000 + 900_000).toISOString(),
    visibility: ['SNP'],
    modes,
    appointmentType: 'ROUTINE',
    acceptsBeyondSlots: false,
    revision: 1,
  };
}

describe('SlotIndex near a point', () => {
  it('finds exactly what a full scan finds within the radius, plus every slot whose first mode is video', () => {
    const next = random(42);
    const index = new SlotIndex();
    const modes = [['VR'], ['AMB', 'VR'], ['VR', 'AMB'], ['AMB'], ['AMB'], ['AMB'], ['AMB', 'HH']] as const;
    const slots = Array.from({ length: 5000 }, () =>
      slotAt(48.5 + next() * 0.8, 1.8 + next() * 1.2, [...modes[Math.floor(next() * modes.length)]], next() * 60),
    );
    slots.forEach((s) => index.upsert(s));
    for (const [latitude, longitude, radiusKm] of [
      [48.8939, 2.2879, 10],
      [48.6, 2.0, 3],
      [49.2, 2.9, 25],
    ]) {
      const near = index.filter({ ...window, near: { latitude, longitude, radiusKm } });
      const within = (s: IndexedSlot) =>
        distanceKm({ latitude, longitude }, { latitude: s.place.latitude!, longitude: s.place.longitude! }) <= radiusKm;
      const expected = index.filter(window).filter((s) => s.modes[0] === 'VR' || within(s));
      expect(new Set(near.filter((s) => s.modes[0] === 'VR' || within(s)).map((s) => s.slotId))).toEqual(
        new Set(expected.map((s) => s.slotId)),
      );
      expect(near.length).toBeLessThan(index.size);
      // Asked for video, every video slot, wherever it is.
      const video = index.filter({ ...window, mode: 'VR', near: { latitude, longitude, radiusKm } });
      expect(new Set(video.map((s) => s.slotId))).toEqual(new Set(index.filter({ ...window, mode: 'VR' }).map((s) => s.slotId)));
    }
  });

  it('follows slots that move or leave', () => {
    const index = new SlotIndex();
    const s = slotAt(48.8939, 2.2879, ['AMB'], 2);
    index.upsert(s);
    index.upsert({ ...s, revision: 2, place: { ...s.place, latitude: 43.3, longitude: 5.37 } });
    const nearParis = { ...window, near: { latitude: 48.8939, longitude: 2.2879, radiusKm: 5 } };
    expect(index.filter(nearParis)).toEqual([]);
    expect(index.filter({ ...window, near: { latitude: 43.3, longitude: 5.37, radiusKm: 5 } })).toHaveLength(1);
    index.withdraw(s.slotId, 3);
    expect(index.filter({ ...window, near: { latitude: 43.3, longitude: 5.37, radiusKm: 5 } })).toEqual([]);
  });
});
