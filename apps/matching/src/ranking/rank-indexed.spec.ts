import { randomUUID } from 'node:crypto';
import { SlotIndex, SlotQuery, SlotShared, SlotState } from '../index/slot-index';
import { distanceKm, Point } from '@sas/referentials';
import { rankIndexed, RankedSlot, rankSlots, RankingQuery } from './rank-slots';
import { WeeklyLoad } from './weekly-load';
import { mulberry32 } from '@sas/simulation';
import { ConsultationModeCode, WEEKLY_CAP } from '@sas/contracts';

// Sunday 18:00 UTC: the default 48 h window crosses into the next Paris week (Monday
// 00:00 in Paris is Sunday 23:00 UTC), so loads change within a search.
const now = new Date('2026-11-29T18:00:00Z');
const HOUR = 3600_000;
const levallois = { latitude: 48.8939, longitude: 2.2879 };
const lille = { latitude: 50.6292, longitude: 3.0573 };
const marseille = { latitude: 43.2965, longitude: 5.3698 };

const uuid = (next: () => number) =>
  'xxxxxxxx-xxxx-4xxx-8xxx-xxxxxxxxxxxx'.replace(/x/g, () => Math.floor(next() * 16).toString(16));

type Mode = ConsultationModeCode;
type Loads = (ownerId: string, at: Date) => number;

/**
 * The straightforward search the index must agree with: every live slot of the window
 * matching the criteria, scored as the ranking documents it (distance / 5 km + hours
 * until start / 4 − 0.5 if SNP + load / 10, + 0.5 for video outside the département;
 * video ignores distance; home visits only within the home-visit radius), sorted (at the
 * cap last, then score, start, id), cut at the limit. `filter.near` is left out on
 * purpose: it only narrows what the index reads, the radius of the query decides.
 */
function reference(live: Iterable<SlotState>, filter: SlotQuery, query: RankingQuery, loadOf: Loads, limit: number) {
  const scored = [];
  for (const slot of live) {
    const startMs = Date.parse(slot.start);
    if (startMs < filter.from.getTime() || startMs > filter.to.getTime()) continue;
    if (filter.mode && !slot.modes.includes(filter.mode)) continue;
    if (filter.specialty && !slot.specialties.includes(filter.specialty)) continue;
    if (filter.profession && slot.profession !== filter.profession) continue;
    if (filter.communeCode && slot.place.communeCode !== filter.communeCode) continue;
    if (filter.sector1Only && slot.place.conventionSector !== '1') continue;
    if (filter.thirdPartyPayment && !slot.place.thirdPartyPayment) continue;
    if (filter.wheelchairAccessible && !slot.place.wheelchairAccessible) continue;
    if (filter.language && !(slot.place.languages ?? []).includes(filter.language)) continue;
    const point: Point | undefined =
      slot.place.latitude !== undefined && slot.place.longitude !== undefined
        ? { latitude: slot.place.latitude, longitude: slot.place.longitude }
        : undefined;
    const local = query.patient !== undefined || !query.patientCommune || slot.place.communeCode === query.patientCommune.code;
    const usable = (m: Mode) =>
      slot.modes.includes(m) && (m === 'VR' || (local && (m === 'AMB' || (query.patient !== undefined && point !== undefined))));
    const mode = query.mode ? (usable(query.mode) ? query.mode : undefined) : slot.modes.find(usable);
    if (!mode) continue;
    const distance = query.patient && point ? distanceKm(query.patient, point) : null;
    if (mode !== 'VR' && distance !== null && distance > query.radiusKm) continue;
    if (mode === 'HH' && (distance === null || distance > (slot.place.homeVisitRadiusKm ?? 0))) continue;
    const load = loadOf(slot.ownerId, new Date(startMs));
    let points = 0;
    if (mode === 'VR')
      points += !query.patientCommune || slot.place.communeCode.startsWith(query.patientCommune.departement) ? 0 : 0.5;
    else if (distance !== null) points += distance / 5;
    points += Math.max(0, (startMs - query.now.getTime()) / HOUR) / 4;
    if (slot.visibility.includes('SNP')) points -= 0.5;
    points += load / 10;
    scored.push({ slotId: slot.slotId, startMs, atCap: load >= WEEKLY_CAP, points });
  }
  scored.sort(
    (a, b) => Number(a.atCap) - Number(b.atCap) || a.points - b.points || a.startMs - b.startMs || (a.slotId < b.slotId ? -1 : 1),
  );
  return scored.slice(0, limit).map((s) => s.slotId);
}

/**
 * Slot and appointment events on places around Paris, plus a few in Marseille and Lille
 * and some without coordinates, with ties (shared places and start times), updates that
 * move slots in time and space, withdrawals, late and repeated events, releases, and
 * bookings, cancellations and moves that change practitioners' weekly loads. Beside the
 * index, the same events are kept naively (`live`) for the reference.
 */
function scenario(seed: number, { atCapShare = 0.15 } = {}) {
  const next = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const around = (centre: Point, spread: number) => ({
    latitude: centre.latitude + (next() - 0.5) * spread,
    longitude: centre.longitude + (next() - 0.5) * spread * 1.5,
  });
  const places = Array.from({ length: 48 }, (_, i) => {
    const [communeCode, point] =
      i < 34
        ? [pick(['92044', '92051', '75056', '93066']), around(levallois, 0.4)]
        : i < 38
          ? ['13055', around(marseille, 0.1)]
          : i < 42
            ? ['59350', around(lille, 0.1)]
            : [pick(['92044', '92051', '59350']), undefined];
    return {
      placeId: uuid(next),
      communeCode,
      ...point,
      ...(next() < 0.6 ? { homeVisitRadiusKm: Math.floor(next() * 16) } : {}),
      ...(next() < 0.6
        ? {
            conventionSector: pick(['1', '1', '2'] as const),
            thirdPartyPayment: next() < 0.5,
            wheelchairAccessible: next() < 0.6,
          }
        : {}),
      ...(next() < 0.4 ? { languages: pick([['fr'], ['fr', 'en'], ['ar', 'fr']]) } : {}),
    };
  });
  const owners = Array.from({ length: 60 }, () => ({ id: uuid(next), places: [pick(places), pick(places)] }));
  const stateOf = (owner: (typeof owners)[number], revision: number, slotId = uuid(next)): SlotState => {
    const start = now.getTime() + Math.floor(next() * 76 * 4 - 12) * 15 * 60_000; // −3 h … +73 h, on quarter hours
    const iso = (ms: number) => (next() < 0.03 ? new Date(ms).toISOString().replace('.000Z', 'Z') : new Date(ms).toISOString());
    return {
      slotId,
      ownerId: owner.id,
      practitionerId: owner.id,
      profession: pick(['general-practitioner', 'general-practitioner', 'midwife']),
      specialties: pick([['SM54'], ['SM54'], ['SM54', 'SF'], ['SF']]),
      place: pick(owner.places),
      start: iso(start),
      end: iso(start + 15 * 60_000),
      visibility: pick([['SNP'], ['PUBLIC', 'PRO'], ['SNP', 'PRO']] as SlotState['visibility'][]),
      modes: pick([
        ['AMB'],
        ['AMB'],
        ['AMB', 'VR'],
        ['VR'],
        ['VR', 'AMB'],
        ['HH'],
        ['AMB', 'HH'],
        ['HH', 'AMB'],
        ['HH', 'VR'],
      ] as SlotState['modes'][]),
      appointmentType: 'ROUTINE',
      acceptsBeyondSlots: next() < 0.2,
      revision,
    };
  };

  const index = new SlotIndex();
  const load = new WeeklyLoad();
  const live = new Map<string, SlotState>();
  const withdrawn = new Map<string, number>();
  /** Owner at place → the state with the latest start applied (what acceptingBeyondSlots reads). */
  const offers = new Map<string, SlotState>();
  const upsert = (s: SlotState) => {
    index.upsert(s);
    if ((live.get(s.slotId)?.revision ?? 0) >= s.revision || (withdrawn.get(s.slotId) ?? 0) >= s.revision) return;
    live.set(s.slotId, s);
    const key = `${s.ownerId}|${s.place.placeId}`;
    const known = offers.get(key);
    if (!known || Date.parse(known.start) <= Date.parse(s.start)) offers.set(key, s);
  };
  const withdraw = (slotId: string, revision: number) => {
    index.withdraw(slotId, revision, now.getTime());
    const current = live.get(slotId);
    if (current && current.revision > revision) return;
    live.delete(slotId);
    withdrawn.set(slotId, Math.max(revision, withdrawn.get(slotId) ?? 0));
  };
  const revisionOf = (slotId: string) => Math.max(live.get(slotId)?.revision ?? 0, withdrawn.get(slotId) ?? 0);

  // Weekly loads: some practitioners at the cap this week, some only next week.
  const appointments: { id: string; ownerId: string }[] = [];
  const book = (ownerId: string, start: Date) => {
    const id = randomUUID();
    load.booked(id, ownerId, start);
    appointments.push({ id, ownerId });
  };
  for (const owner of owners) {
    const thisWeek = next() < atCapShare ? 20 + Math.floor(next() * 3) : Math.floor(next() * 12);
    for (let i = 0; i < thisWeek; i++) book(owner.id, new Date(now.getTime() - 24 * HOUR));
    const nextWeek = next() < atCapShare ? 20 : Math.floor(next() * 6);
    for (let i = 0; i < nextWeek; i++) book(owner.id, new Date(now.getTime() + 30 * HOUR));
  }

  /** One batch of events: publications, then changes to some of what is live. */
  const batch = (publications: number) => {
    const published = Array.from({ length: publications }, () => stateOf(pick(owners), 1));
    published.forEach(upsert);
    // Equal times at shared places make exact ties of score and start.
    for (let i = 0; i < publications / 15; i++) upsert({ ...pick(published), slotId: uuid(next), revision: 1 });
    for (const s of [...live.values()]) {
      const r = next();
      const revision = revisionOf(s.slotId);
      if (r < 0.08)
        upsert(stateOf(pick(owners), revision + 1, s.slotId)); // moved in time and place, changed owner, modes…
      else if (r < 0.12)
        upsert({
          ...s,
          start: new Date(Date.parse(s.start) + pick([-2, 1, 5, 30]) * HOUR).toISOString(),
          revision: revision + 1,
        }); // moved in time only
      else if (r < 0.16)
        upsert({ ...s, place: pick(places), revision: revision + 1 }); // moved in space only
      else if (r < 0.22) {
        withdraw(s.slotId, revision + 1); // booked
        book(s.ownerId, new Date(s.start));
      } else if (r < 0.25) {
        withdraw(s.slotId, revision + 1);
        upsert({ ...s, revision }); // a late, older event: must not bring it back
        upsert({ ...s, revision: revision + 1 }); // nor one of the same revision
      } else if (r < 0.28) {
        withdraw(s.slotId, revision + 1);
        upsert({ ...s, revision: revision + 2 }); // released again
      } else if (r < 0.3)
        upsert({ ...s }); // delivered twice
      else if (r < 0.31) withdraw(s.slotId, revision - 1 || 1); // a late withdrawal of an older revision
    }
    // Cancellations and moves of appointments change loads between searches.
    for (let i = 0; i < publications / 30 && appointments.length; i++) {
      const a = appointments.splice(Math.floor(next() * appointments.length), 1)[0];
      if (next() < 0.6) load.cancelled(a.id);
      else {
        load.moved(a.id, a.ownerId, new Date(now.getTime() + pick([-20, 10, 40]) * HOUR));
        appointments.push(a);
      }
    }
  };
  // WeeklyLoad.of works out a Paris-calendar week per call: remembered per owner and hour
  // between batches (a Paris date never changes within a UTC hour), to keep the spec fast.
  const loads = new Map<string, number>();
  const loadOf: Loads = (ownerId, at) => {
    const key = `${ownerId}|${Math.floor(at.getTime() / HOUR)}`;
    let n = loads.get(key);
    if (n === undefined) loads.set(key, (n = load.of(ownerId, at)));
    return n;
  };
  const nextBatch = (publications: number) => {
    batch(publications);
    loads.clear();
  };
  return { index, live, offers, batch: nextBatch, loadOf };
}

const window = { from: now, to: new Date(now.getTime() + 48 * HOUR) };
const near = (patient: Point, radiusKm: number) => ({ near: { ...patient, radiusKm } });
const cases: { name: string; filter: SlotQuery; query: RankingQuery }[] = [
  { name: 'near a point', filter: { ...window, ...near(levallois, 10) }, query: { patient: levallois, radiusKm: 10, now } },
  {
    name: 'small radius',
    filter: { ...window, ...near({ latitude: 48.85, longitude: 2.3 }, 3) },
    query: { patient: { latitude: 48.85, longitude: 2.3 }, radiusKm: 3, now },
  },
  {
    name: 'largest radius, SM54',
    filter: { ...window, specialty: 'SM54', ...near(levallois, 100) },
    query: { patient: levallois, radiusKm: 100, now },
  },
  {
    name: 'video, département preferred',
    filter: { ...window, mode: 'VR', ...near(levallois, 10) },
    query: { patient: levallois, radiusKm: 10, mode: 'VR', now, patientCommune: { code: '92044', departement: '92' } },
  },
  {
    name: 'video from far away, same département first',
    filter: { ...window, mode: 'VR', ...near(lille, 5) },
    query: { patient: lille, radiusKm: 5, mode: 'VR', now, patientCommune: { code: '59350', departement: '59' } },
  },
  {
    name: 'video asked of the ranking only',
    filter: { ...window, ...near(levallois, 10) },
    query: { patient: levallois, radiusKm: 10, mode: 'VR', now, patientCommune: { code: '92044', departement: '92' } },
  },
  {
    name: 'any mode in Marseille',
    filter: { ...window, ...near(marseille, 10) },
    query: { patient: marseille, radiusKm: 10, now },
  },
  {
    name: 'home visits',
    filter: { ...window, mode: 'HH', ...near(levallois, 20) },
    query: { patient: levallois, radiusKm: 20, mode: 'HH', now },
  },
  {
    name: 'home visits, wide radius',
    filter: { ...window, mode: 'HH', ...near(levallois, 60) },
    query: { patient: levallois, radiusKm: 60, mode: 'HH', now },
  },
  {
    name: 'by commune, no position',
    filter: { ...window },
    query: { radiusKm: 10, now, patientCommune: { code: '92051', departement: '92' } },
  },
  {
    name: 'only slots of a commune',
    filter: { ...window, communeCode: '92044' },
    query: { radiusKm: 10, now, patientCommune: { code: '92044', departement: '92' } },
  },
  { name: 'no position at all', filter: { ...window, specialty: 'SF' }, query: { radiusKm: 10, now } },
  {
    name: 'equity filters',
    filter: { ...window, sector1Only: true, wheelchairAccessible: true, ...near(levallois, 30) },
    query: { patient: levallois, radiusKm: 30, now },
  },
  {
    name: 'third-party payment in English',
    filter: { ...window, thirdPartyPayment: true, language: 'en', ...near(levallois, 40) },
    query: { patient: levallois, radiusKm: 40, now },
  },
  {
    name: 'language and profession',
    filter: { ...window, language: 'fr', profession: 'midwife' },
    query: { radiusKm: 10, now, patient: levallois },
  },
  {
    name: 'a window opening in the past and ending next week',
    filter: { from: new Date(now.getTime() - 3 * HOUR), to: new Date(now.getTime() + 70 * HOUR), ...near(levallois, 15) },
    query: { patient: levallois, radiusKm: 15, now },
  },
  {
    name: 'a window of next week only, off the hour',
    filter: { from: new Date(now.getTime() + 30.5 * HOUR), to: new Date(now.getTime() + 60.25 * HOUR), ...near(levallois, 15) },
    query: { patient: levallois, radiusKm: 15, now },
  },
];

/** What the runs went through, so that a change of the data cannot leave a rule untested unnoticed. */
function coverage() {
  const seen = {
    homeVisit: 0,
    videoBeyondRadius: 0,
    videoOtherDepartement: 0,
    atCap: 0,
    atCapAfterOthers: 0,
    noDistance: 0,
    equalScores: 0,
  };
  const count = (ranked: RankedSlot[], query: RankingQuery) => {
    ranked.forEach((r, i) => {
      if (r.reasons[0].includes('home-visit radius')) seen.homeVisit++;
      if (r.reasons[0].startsWith('video') && (r.distanceKm ?? 0) > query.radiusKm) seen.videoBeyondRadius++;
      if (r.reasons[0] === 'video consultation from another département') seen.videoOtherDepartement++;
      if (r.atCap) seen.atCap++;
      if (r.atCap && i > 0 && !ranked[i - 1].atCap) seen.atCapAfterOthers++;
      if (r.distanceKm === null) seen.noDistance++;
      if (i > 0 && r.score === ranked[i - 1].score) seen.equalScores++;
    });
  };
  return { seen, count };
}

const sharedOf = ({ slotId: _id, start: _start, end: _end, revision: _revision, ...shared }: SlotState): SlotShared => shared;
const byOwnerAndPlace = (a: SlotShared, b: SlotShared) =>
  `${a.ownerId}|${a.place.placeId}`.localeCompare(`${b.ownerId}|${b.place.placeId}`);

describe('rankIndexed', () => {
  for (const [seed, options] of [
    [1, {}],
    [7, {}],
    [2026, {}],
    [42, { atCapShare: 1 }],
  ] as const) {
    it(`returns what a full scan and sort returns, as events keep coming (seed ${seed}${options.atCapShare ? ', everyone at the cap' : ''})`, () => {
      const { index, live, offers, batch, loadOf } = scenario(seed, options);
      const { seen, count } = coverage();
      for (let round = 0; round < 4; round++) {
        batch(900);
        for (const { name, filter, query } of cases) {
          // The reference's order is total: its first 100 hold the first `limit` of each limit.
          const first100 = reference(live.values(), filter, query, loadOf, 100);
          for (const limit of [1, 5, 20, 100]) {
            const where = { case: name, round, limit };
            const expected = first100.slice(0, limit);
            const ranked = rankIndexed(index, filter, query, loadOf, limit);
            expect({ ...where, ids: ranked.map((r) => r.slot.slotId) }).toEqual({ ...where, ids: expected });
            // The general ranking over the index's window agrees, down to scores and reasons.
            const general = rankSlots(
              index.filter({ ...filter, near: undefined }),
              query,
              (s) => loadOf(s.ownerId, new Date(s.startMs)),
              limit,
            );
            expect({ ...where, ranked }).toEqual({ ...where, ranked: general });
            count(ranked, query);
          }
        }

        // The index holds exactly the live slots, each as its latest event said.
        const found = index.filter({ from: new Date(0), to: new Date(now.getTime() + 1000 * HOUR) });
        expect(index.size).toBe(live.size);
        expect(found.map(({ startMs: _startMs, ...slot }) => slot).sort((a, b) => a.slotId.localeCompare(b.slotId))).toEqual(
          [...live.values()].sort((a, b) => a.slotId.localeCompare(b.slotId)),
        );
        const accepting = [...offers.values()].filter((o) => o.acceptsBeyondSlots).map(sharedOf);
        expect(index.acceptingBeyondSlots().sort(byOwnerAndPlace)).toEqual(accepting.sort(byOwnerAndPlace));
      }
      if (options.atCapShare === 1) expect(seen.atCap).toBeGreaterThan(0);
      else for (const [rule, n] of Object.entries(seen)) expect({ rule, seen: n > 0 }).toEqual({ rule, seen: true });
    });
  }

  it('stops reading once later hours cannot compete', () => {
    const { index, live, batch, loadOf } = scenario(11);
    batch(3000);
    const hoursRead: number[] = [];
    const scan = index.scan.bind(index);
    jest
      .spyOn(index, 'scan')
      .mockImplementation((query, visit, control = {}) =>
        scan(query, visit, { ...control, goOn: (h) => (hoursRead.push(h), control.goOn ? control.goOn(h) : true) }),
      );
    const { filter, query } = cases[0];
    expect(rankIndexed(index, filter, query, loadOf, 5).map((r) => r.slot.slotId)).toEqual(
      reference(live.values(), filter, query, loadOf, 5),
    );
    expect(Math.max(...hoursRead)).toBeLessThan(filter.to.getTime() - 24 * HOUR);
  });
});
