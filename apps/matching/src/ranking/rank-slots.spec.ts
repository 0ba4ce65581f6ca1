import { randomUUID } from 'node:crypto';
import { IndexedSlot, SlotState } from '../index/slot-index';
import { rankSlots, RankingQuery } from './rank-slots';

const now = new Date('2026-11-23T08:00:00Z');
const levallois = { latitude: 48.8939, longitude: 2.2879 };
const inHours = (h: number) => new Date(now.getTime() + h * 3600_000).toISOString();

function slot(overrides: Partial<IndexedSlot> & { km?: number; hours?: number; owner?: string } = {}): IndexedSlot {
  const { km = 1, hours = 1, owner = randomUUID(), ...rest } = overrides;
  const state: SlotState = {
    slotId: randomUUID(),
    ownerId: owner,
    practitionerId: owner,
    profession: 'general-practitioner',
    specialties: ['SM54'],
    // ~1 km per 0.009° of latitude
    place: {
      placeId: randomUUID(),
      communeCode: '92044',
      latitude: levallois.latitude + km * 0.008993,
      longitude: levallois.longitude,
    },
    start: inHours(hours),
    end: inHours(hours + 0.25),
    visibility: ['SNP'],
    modes: ['AMB'],
    appointmentType: 'ROUTINE',
    acceptsBeyondSlots: false,
    revision: 1,
    ...rest,
  };
  return { ...state, startMs: Date.parse(state.start) };
}

const query: RankingQuery = { patient: levallois, radiusKm: 10, now };
const ids = (ranked: { slot: IndexedSlot }[]) => ranked.map((r) => r.slot.slotId);

describe('rankSlots', () => {
  it('puts the closer slot first at equal time', () => {
    const [near, far] = [slot({ km: 1 }), slot({ km: 6 })];
    expect(ids(rankSlots([far, near], query, () => 0))).toEqual([near.slotId, far.slotId]);
  });

  it('puts the earlier slot first at equal distance', () => {
    const [soon, later] = [slot({ hours: 1 }), slot({ hours: 8 })];
    expect(ids(rankSlots([later, soon], query, () => 0))).toEqual([soon.slotId, later.slotId]);
  });

  it('ranks a practitioner at the weekly cap after all others, flagged', () => {
    const capped = slot({ km: 0.1, hours: 0.5 });
    const others = [slot({ km: 9, hours: 40 }), slot({ km: 5, hours: 20 })];
    const ranked = rankSlots([capped, ...others], query, (s) => (s === capped ? 20 : 3));
    expect(ranked[ranked.length - 1]).toMatchObject({ atCap: true, slot: { slotId: capped.slotId } });
    expect(ranked[ranked.length - 1].reasons).toContain('at the weekly cap of 20 SAS consultations');
  });

  it('ranks a heavily loaded practitioner lower than an idle one at equal distance and time', () => {
    const [busy, idle] = [slot(), slot()];
    expect(ids(rankSlots([busy, idle], query, (s) => (s === busy ? 15 : 0)))).toEqual([idle.slotId, busy.slotId]);
  });

  it('offers a home visit only inside the practitioner’s home-visit radius', () => {
    const reaches = slot({
      km: 3,
      modes: ['HH'],
      place: {
        placeId: randomUUID(),
        communeCode: '92044',
        latitude: levallois.latitude + 0.027,
        longitude: levallois.longitude,
        homeVisitRadiusKm: 5,
      },
    });
    const tooFar = slot({
      km: 3,
      modes: ['HH'],
      place: {
        placeId: randomUUID(),
        communeCode: '92044',
        latitude: levallois.latitude + 0.027,
        longitude: levallois.longitude,
        homeVisitRadiusKm: 2,
      },
    });
    expect(ids(rankSlots([reaches, tooFar], { ...query, mode: 'HH' }, () => 0))).toEqual([reaches.slotId]);
  });

  it('ignores distance for video, preferring the patient’s département', () => {
    const farSameDep = slot({ km: 80, modes: ['VR'], hours: 2 });
    const elsewhere = slot({
      km: 1,
      modes: ['VR'],
      hours: 2,
      place: { placeId: randomUUID(), communeCode: '13055', latitude: 43.3, longitude: 5.37 },
    });
    const ranked = rankSlots(
      [elsewhere, farSameDep],
      { ...query, mode: 'VR', patientCommune: { code: '92044', departement: '92' } },
      () => 0,
    );
    expect(ids(ranked)).toEqual([farSameDep.slotId, elsewhere.slotId]);
    expect(ranked[0].reasons[0]).toBe('video consultation, distance does not matter');
  });

  it('drops slots beyond the search radius and explains each result', () => {
    const ranked = rankSlots([slot({ km: 2 }), slot({ km: 30 })], query, () => 4);
    expect(ranked).toHaveLength(1);
    expect(ranked[0].reasons).toEqual([
      '2.0 km away',
      'starts in 1 h 00',
      'dedicated to unscheduled care (SNP)',
      '4 SAS consultations this week',
    ]);
  });
});

describe('rankSlots without the patient position', () => {
  it('offers the slots of the patient’s commune, and video from anywhere', () => {
    const local = slot({ modes: ['AMB'] });
    const otherCommune = slot({ modes: ['AMB'], place: { placeId: randomUUID(), communeCode: '92051' } });
    const video = slot({ modes: ['AMB', 'VR'], place: { placeId: randomUUID(), communeCode: '75056' } });
    const ranked = rankSlots(
      [local, otherCommune, video],
      { radiusKm: 10, now, patientCommune: { code: '92044', departement: '92' } },
      () => 0,
    );
    expect(ranked.map((r) => r.slot.slotId).sort()).toEqual([local.slotId, video.slotId].sort());
    expect(ranked.find((r) => r.slot === local)!.reasons[0]).toBe('in the requested commune');
  });
});
