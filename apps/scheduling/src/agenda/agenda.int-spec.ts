import ICAL from 'ical.js';
import { useIsolatedEnvironment } from '../../../../test/support/isolated-environment';
import { Caller, RunningService, startService } from '../../../../test/support/running-service';
import { practitionerWithPlace, slotBody } from '../../../../test/support/scheduling-fixtures';
import { adminToken, practiceToken, regulatorToken } from '../../../../test/support/tokens';
import { AppModule } from '../app.module';

/** The events of an iCalendar text as a real parser reads them. */
function parsedEvents(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents('vevent').map((c) => {
    const event = new ICAL.Event(c);
    return {
      uid: event.uid,
      start: event.startDate.toJSDate().toISOString(),
      end: event.endDate.toJSDate().toISOString(),
      summary: event.summary,
      description: event.description,
      status: c.getFirstPropertyValue('status'),
    };
  });
}

const calendarText = (res: { text: string }) => res.text;
const toSecond = (iso: string) => iso.replace(/\.\d{3}Z$/, '.000Z');

describe('a practice sees its agenda: slots and SAS appointments, as JSON and as a calendar', () => {
  let scheduling: RunningService;
  let regulator: Caller;
  let mine: Awaited<ReturnType<typeof practitionerWithPlace>>;
  let other: Awaited<ReturnType<typeof practitionerWithPlace>>;
  const slots: string[] = [];
  let booked: { id: string; slotId: string };

  beforeAll(async () => {
    await useIsolatedEnvironment('agenda');
    scheduling = await startService('scheduling', AppModule);
    regulator = scheduling.as(await regulatorToken(['92'], 'snp-operator', 'agenda-regulator'));
    mine = await practitionerWithPlace(scheduling);
    other = await practitionerWithPlace(scheduling);
    // Published out of order: the listing sorts them by start.
    for (const minutes of [300, 60, 180, 120])
      slots.push((await mine.practice.post('/slots').send(slotBody(mine, minutes)).expect(201)).body.id);
    await other.practice.post('/slots').send(slotBody(other, 90)).expect(201);
    const res = await regulator.post('/appointments').send({ slotId: slots[2], mode: 'VR' }).expect(201);
    booked = { id: res.body.id, slotId: slots[2] };
  });

  afterAll(() => scheduling?.close());

  it('lists its own slots sorted by start, with their SAS booking, and not another practice’s', async () => {
    const res = await mine.practice.get('/slots').expect(200);
    expect(res.body).toMatchObject({ total: 4, page: 1, limit: 100 });
    expect(res.body.items.map((s: { id: string }) => s.id)).toEqual([slots[1], slots[3], slots[2], slots[0]]);
    expect(res.body.items[2]).toMatchObject({ status: 'booked', appointment: { id: booked.id, status: 'booked', mode: 'VR' } });
    expect(res.body.items[0]).toMatchObject({
      status: 'free',
      appointment: null,
      practitionerRpps: mine.rpps,
      place: { communeCode: '92044' },
    });
  });

  it('filters slots by SAS booking, status, mode and window, and pages them with the total', async () => {
    const ids = async (query: string) =>
      (await mine.practice.get(`/slots?${query}`).expect(200)).body.items.map((s: { id: string }) => s.id);
    expect(await ids('bookedBySas=true')).toEqual([slots[2]]);
    expect(await ids('bookedBySas=false')).toEqual([slots[1], slots[3], slots[0]]);
    expect(await ids('status=booked,withdrawn')).toEqual([slots[2]]);
    expect(await ids('mode=HH')).toEqual([]);
    const from = encodeURIComponent(new Date(Date.now() + 100 * 60_000).toISOString());
    const to = encodeURIComponent(new Date(Date.now() + 200 * 60_000).toISOString());
    expect(await ids(`from=${from}&to=${to}`)).toEqual([slots[3], slots[2]]);
    const second = (await mine.practice.get('/slots?limit=3&page=2').expect(200)).body;
    expect(second).toMatchObject({ total: 4, page: 2, limit: 3 });
    expect(second.items.map((s: { id: string }) => s.id)).toEqual([slots[0]]);
  });

  it('lists its SAS appointments with where and when, never a patient', async () => {
    const res = await mine.practice.get(`/appointments?practitionerId=${mine.practitionerId}&status=booked`).expect(200);
    expect(res.body.total).toBe(1);
    expect(res.body.items[0]).toEqual({
      id: booked.id,
      slotId: booked.slotId,
      status: 'booked',
      mode: 'VR',
      bookedAt: expect.any(String),
      start: expect.any(String),
      end: expect.any(String),
      practitionerId: mine.practitionerId,
      practitionerRpps: mine.rpps,
      structureId: null,
      placeId: mine.placeId,
      place: { name: null, addressLine: null, postalCode: null, city: null, communeCode: '92044' },
    });
    expect((await other.practice.get('/appointments').expect(200)).body).toMatchObject({ total: 0, items: [] });
  });

  it('answers text/calendar that an iCalendar parser reads, one event per appointment', async () => {
    const res = await mine.practice.get('/appointments').set('accept', 'text/calendar').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar/);
    expect(res.headers['x-total-count']).toBe('1');
    const [event] = parsedEvents(calendarText(res));
    const slot = (await mine.practice.get(`/slots/${booked.slotId}`).expect(200)).body;
    expect(event).toMatchObject({
      uid: `appointment-${booked.id}@sas-scheduling`,
      // iCalendar times are to the second.
      start: toSecond(slot.start),
      end: toSecond(slot.end),
      summary: 'RDV SAS en vidéo',
      status: 'CONFIRMED',
    });
    const slotsCalendar = await mine.practice.get('/slots').set('accept', 'text/calendar').expect(200);
    expect(parsedEvents(calendarText(slotsCalendar)).map((e) => e.uid)).toEqual(
      [slots[1], slots[3], slots[2], slots[0]].map((id) => `slot-${id}@sas-scheduling`),
    );
  });

  it('refuses a filter naming another practice’s practitioner or place, naming the field and why', async () => {
    const res = await mine.practice.get(`/appointments?practitionerId=${other.practitionerId}`).expect(403);
    expect(res.body.message).toMatch(/^practitionerId: this practice does not act for practitioner/);
    expect((await mine.practice.get(`/slots?placeId=${other.placeId}`).expect(403)).body.message).toMatch(/^placeId: /);
    const [from, to] = [new Date(Date.now() + 3600_000).toISOString(), new Date().toISOString()].map(encodeURIComponent);
    expect((await mine.practice.get(`/appointments?from=${from}&to=${to}`).expect(400)).body.errors).toEqual([
      { field: 'to', reason: 'to must be after from' },
    ]);
    const bad = await mine.practice.get('/slots?status=taken&limit=5000').expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['limit', 'status']);
  });

  it('serves a secret calendar feed without a token: a new booking is in it at once; revoked, it is gone', async () => {
    const created = await mine.practice.post('/agenda/feeds').send({ label: 'Cabinet — RDV SAS' }).expect(201);
    expect(created.body).toMatchObject({
      view: 'appointments',
      label: 'Cabinet — RDV SAS',
      path: expect.stringMatching(/^\/agenda\/calendar\/[\w-]{43}\.ics$/),
    });
    const feed = created.body.path as string;
    expect(created.body.url).toBe(`${created.request.url.replace(/\/agenda\/feeds$/, '')}${feed}`);
    const before = await scheduling.http.get(feed).expect(200);
    expect(before.headers['cache-control']).toBe('private, no-store');
    expect(parsedEvents(calendarText(before)).map((e) => e.uid)).toEqual([`appointment-${booked.id}@sas-scheduling`]);

    const second = (await regulator.post('/appointments').send({ slotId: slots[1] }).expect(201)).body.id as string;
    const after = parsedEvents(calendarText(await scheduling.http.get(feed).expect(200)));
    expect(after.map((e) => e.uid)).toEqual([second, booked.id].map((id) => `appointment-${id}@sas-scheduling`));
    expect(after.map((e) => e.description).join(' ')).not.toMatch(/case|patient/i);

    expect((await mine.practice.get('/agenda/feeds').expect(200)).body).toEqual([
      expect.objectContaining({ id: created.body.id }),
    ]);
    await other.practice.delete(`/agenda/feeds/${created.body.id}`).expect(404);
    await mine.practice.delete(`/agenda/feeds/${created.body.id}`).expect(200);
    const audit = await scheduling
      .as(await adminToken())
      .get(`/audit?targetId=${created.body.id}`)
      .expect(200);
    expect(audit.body.map((e: { action: string }) => e.action).sort()).toEqual(['agenda-feed-created', 'agenda-feed-revoked']);
    await scheduling.http.get(feed).expect(404);
    await scheduling.http.get('/agenda/calendar/not-a-secret.ics').expect(404);
  });

  it('keeps at most 20 active feeds per holder', async () => {
    const holder = scheduling.as(await practiceToken({ rpps: [mine.rpps] }));
    for (let i = 0; i < 20; i++) await holder.post('/agenda/feeds').send({}).expect(201);
    expect((await holder.post('/agenda/feeds').send({}).expect(409)).body).toMatchObject({ reason: 'feed-limit' });
    const [first] = (await holder.get('/agenda/feeds').expect(200)).body;
    await holder.delete(`/agenda/feeds/${first.id}`).expect(200);
    await holder.post('/agenda/feeds').send({ view: 'slots' }).expect(201);
  });
});
