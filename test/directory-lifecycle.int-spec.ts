import { Topics } from '@sas/contracts';
import { useIsolatedEnvironment } from './support/isolated-environment';
import { Caller, eventually, RunningService, startService, waitUntilReady } from './support/running-service';
import { practitionerWithPlace, slotBody } from './support/scheduling-fixtures';
import { MatchingModule, SchedulingModule } from './support/service-modules';
import { regulatorToken } from './support/tokens';
import { TopicReader } from './support/topic-reader';

type Result = { slotId: string; place: Record<string, unknown>; callPhone: string | null };

/**
 * A practice keeps its directory current through scheduling, and regulators searching in
 * matching see it at once: a changed phone within a second, a retired place's free slots
 * gone while its booked ones stay, and the practice told through the directory topic.
 */
describe('directory lifecycle: practices change and retire places, searches follow', () => {
  let scheduling: RunningService;
  let matching: RunningService;
  let searcher: Caller;
  let booker: Caller;
  let reader: TopicReader;
  const near = { lat: 48.8939, lon: 2.2879, limit: 100 };

  beforeAll(async () => {
    const { topicPrefix } = await useIsolatedEnvironment('directory');
    reader = await TopicReader.open([topicPrefix + Topics.directory]);
    [scheduling, matching] = await Promise.all([
      startService('scheduling', SchedulingModule),
      startService('matching', MatchingModule),
    ]);
    await waitUntilReady(matching);
    const regulator = await regulatorToken(['92']);
    [searcher, booker] = [matching.as(regulator), scheduling.as(regulator)];
  });

  afterAll(async () => {
    await reader?.close();
    await Promise.all([scheduling?.close(), matching?.close()]);
  });

  const results = async (service = searcher): Promise<Result[]> =>
    (await service.get('/search').query(near).expect(200)).body.results as Result[];
  const resultsAt = async (placeId: string, service = searcher) =>
    (await results(service)).filter((r) => r.place.placeId === placeId);
  const eventsOf = (type: string, subject: string) =>
    reader.messages
      .filter((m) => m.headers.ce_type === `fr.sas.${type}.v1` && m.headers.ce_subject === subject)
      .map((m) => JSON.parse(String(m.message.value)) as Record<string, unknown>);

  it("shows a place's new phone and address in search results within a second, and a new replica agrees", async () => {
    const owner = await practitionerWithPlace(scheduling);
    const slotId = (await owner.practice.post('/slots').send(slotBody(owner, 90)).expect(201)).body.id;
    await eventually(async () => ((await resultsAt(owner.placeId)).length ? true : undefined), 10_000, 'the slot in search');
    expect((await resultsAt(owner.placeId))[0].callPhone).toBeNull();

    const changed = await owner.practice
      .patch(`/places/${owner.placeId}`)
      .send({ regulatorPhone: '01 47 57 12 34', phone: '01 47 57 00 00', addressLine: '12 rue Voltaire', postalCode: '92300' })
      .expect(200);
    const patchedAt = Date.now();
    expect(changed.body).toMatchObject({ regulatorPhone: '01 47 57 12 34', revision: 2 });
    const seen = await eventually(
      async () => (await resultsAt(owner.placeId)).find((r) => r.callPhone === '01 47 57 12 34'),
      1000,
      'the new phone in search',
    );
    expect(Date.now() - patchedAt).toBeLessThan(1000);
    expect(seen).toMatchObject({
      slotId,
      place: { addressLine: '12 rue Voltaire', postalCode: '92300', phone: '01 47 57 00 00', revision: 2 },
    });
    expect(eventsOf('place-updated', owner.placeId)).toEqual([
      expect.objectContaining({ placeId: owner.placeId, place: expect.objectContaining({ regulatorPhone: '01 47 57 12 34' }) }),
    ]);

    // A replica started now replays the slot and directory topics in its own order: same answer.
    const replica = await startService('matching', MatchingModule);
    try {
      await waitUntilReady(replica);
      const regulator = await regulatorToken(['92']);
      expect(await resultsAt(owner.placeId, replica.as(regulator))).toEqual(await resultsAt(owner.placeId));
    } finally {
      await replica.close();
    }
  });

  it('refuses bad changes with a 400 naming the field and the reason, changing nothing', async () => {
    const owner = await practitionerWithPlace(scheduling);
    const cases: [object, string][] = [
      [{ phone: 'call me' }, 'phone'],
      [{ languages: ['French'] }, 'languages'],
      [{ communeCode: '99999' }, 'communeCode'],
      [{ communeCode: null }, 'communeCode'],
      [{ homeVisitRadiusKm: 500 }, 'homeVisitRadiusKm'],
      [{ conventionSector: '4' }, 'conventionSector'],
      [{ practitionerId: owner.practitionerId }, 'practitionerId'],
      [{}, 'body'],
    ];
    for (const [body, field] of cases) {
      const res = await owner.practice.patch(`/places/${owner.placeId}`).send(body);
      expect({ body, status: res.status, fields: res.body.errors?.map((e: { field: string }) => e.field) }).toEqual({
        body,
        status: 400,
        fields: expect.arrayContaining([field]),
      });
      expect(res.body.errors.every((e: { reason: string }) => e.reason.length > 0)).toBe(true);
    }
    await owner.practice.patch(`/practitioners/${owner.practitionerId}`).send({ specialties: null }).expect(400);
    const place = (await owner.practice.get(`/places/${owner.placeId}`).expect(200)).body;
    expect(place).toMatchObject({ revision: 1, communeCode: '92044', languages: ['fr'] });
    expect(eventsOf('place-updated', owner.placeId)).toEqual([]);
  });

  it('retires a place: future free slots withdrawn, the booked one kept and the practice told on Kafka', async () => {
    const owner = await practitionerWithPlace(scheduling);
    const free = [
      (await owner.practice.post('/slots').send(slotBody(owner, 120)).expect(201)).body.id,
      (await owner.practice.post('/slots').send(slotBody(owner, 150)).expect(201)).body.id,
    ];
    const bookedSlot = (await owner.practice.post('/slots').send(slotBody(owner, 180)).expect(201)).body.id;
    const appointment = (await booker.post('/appointments').send({ slotId: bookedSlot }).expect(201)).body.id;
    await eventually(async () => ((await resultsAt(owner.placeId)).length === 2 ? true : undefined), 10_000, 'the free slots');

    const outcome = (await owner.practice.post(`/places/${owner.placeId}/retire`).expect(200)).body;
    expect(outcome).toMatchObject({
      slotsWithdrawn: 2,
      keptAppointments: [expect.objectContaining({ appointmentId: appointment, slotId: bookedSlot })],
    });
    await eventually(async () => ((await resultsAt(owner.placeId)).length === 0 ? true : undefined), 2000, 'free slots gone');
    for (const id of free) expect((await owner.practice.get(`/slots/${id}`).expect(200)).body.status).toBe('withdrawn');
    expect((await owner.practice.get(`/slots/${bookedSlot}`).expect(200)).body.status).toBe('booked');
    expect((await owner.practice.get(`/appointments/${appointment}`).expect(200)).body.status).toBe('booked');

    const [told] = await eventually(
      async () => {
        const events = eventsOf('place-retired', owner.placeId);
        return events.length ? events : undefined;
      },
      5000,
      'place-retired on Kafka',
    );
    expect(told).toMatchObject({
      ownerId: owner.practitionerId,
      placeId: owner.placeId,
      slotsWithdrawn: 2,
      keptAppointments: [expect.objectContaining({ appointmentId: appointment, ownerId: owner.practitionerId })],
    });

    const refused = await owner.practice.post('/slots').send(slotBody(owner, 240)).expect(400);
    expect(refused.body.errors).toContainEqual({ field: 'placeId', reason: 'the place is retired' });
    await owner.practice.post(`/places/${owner.placeId}/retire`).expect(409);
    await owner.practice.patch(`/places/${owner.placeId}`).send({ phone: '01 02 03 04 05' }).expect(409);
  });

  it('retires a practitioner everywhere, and drops them from the beyond-slots answer', async () => {
    const owner = await practitionerWithPlace(scheduling);
    await owner.practice.post('/slots').send(slotBody(owner, 200)).expect(201);
    await owner.practice
      .patch(`/places/${owner.placeId}`)
      .send({ acceptsBeyondSlots: true, regulatorPhone: '+33 1 47 57 98 00' })
      .expect(200);
    const beyond = async () =>
      (
        (await searcher.get('/search/practitioners-beyond-slots').query(near).expect(200)).body.results as {
          place: { placeId: string };
          callPhone: string;
        }[]
      ).filter((r) => r.place.placeId === owner.placeId);
    expect(await eventually(async () => ((await beyond()).length ? await beyond() : undefined), 5000, 'beyond slots')).toEqual([
      expect.objectContaining({ callPhone: '+33 1 47 57 98 00' }),
    ]);

    const outcome = (await owner.practice.post(`/practitioners/${owner.practitionerId}/retire`).expect(200)).body;
    expect(outcome).toMatchObject({ slotsWithdrawn: 1, keptAppointments: [] });
    await eventually(async () => ((await beyond()).length === 0 ? true : undefined), 2000, 'out of beyond slots');
    expect(
      (await owner.practice.post('/places').send({ practitionerId: owner.practitionerId, communeCode: '92044' }).expect(400)).body
        .errors,
    ).toContainEqual({ field: 'practitionerId', reason: 'the practitioner is retired' });
    await eventually(
      async () => (eventsOf('practitioner-retired', owner.practitionerId).length ? true : undefined),
      5000,
      'practitioner-retired on Kafka',
    );
  });

  it("refuses another practice's place and practitioner (403), changing nothing", async () => {
    const [owner, other] = [await practitionerWithPlace(scheduling), await practitionerWithPlace(scheduling)];
    await other.practice.patch(`/places/${owner.placeId}`).send({ phone: '01 02 03 04 05' }).expect(403);
    await other.practice.post(`/places/${owner.placeId}/retire`).expect(403);
    await other.practice.patch(`/practitioners/${owner.practitionerId}`).send({ familyName: 'Autre' }).expect(403);
    await other.practice.post(`/practitioners/${owner.practitionerId}/retire`).expect(403);
    expect((await owner.practice.get(`/places/${owner.placeId}`).expect(200)).body).toMatchObject({
      revision: 1,
      retiredAt: null,
    });
  });
});
