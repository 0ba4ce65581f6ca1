import { DataSource } from 'typeorm';
import { useIsolatedEnvironment } from '../../../../test/support/isolated-environment';
import { RunningService, startService } from '../../../../test/support/running-service';
import { practitionerWithPlace, rpps, slotBody } from '../../../../test/support/scheduling-fixtures';
import { AppModule } from '../app.module';

describe('publishing availability (scheduling against PostgreSQL)', () => {
  let scheduling: RunningService;
  let db: DataSource;
  let owner: Awaited<ReturnType<typeof practitionerWithPlace>>;

  beforeAll(async () => {
    await useIsolatedEnvironment('slots');
    scheduling = await startService('scheduling', AppModule);
    db = scheduling.app.get(DataSource);
    owner = await practitionerWithPlace(scheduling);
  });

  afterAll(() => scheduling?.close());

  const counts = async () => {
    const [row] = await db.query(
      `SELECT (SELECT count(*) FROM scheduling.slot)::int AS slots, (SELECT count(*) FROM scheduling.outbox)::int AS events,
              (SELECT count(*) FROM scheduling.practitioner)::int AS practitioners, (SELECT count(*) FROM scheduling.place)::int AS places`,
    );
    return row;
  };

  /** Sends a bad request, expects a 400 naming `field`, and checks nothing was stored or emitted. */
  async function refused(path: string, body: object, field: string, reason?: RegExp) {
    const before = await counts();
    const res = await owner.practice.post(path).send(body).expect(400);
    const match = res.body.errors.find((e: { field: string }) => e.field === field);
    expect({ field, errors: res.body.errors, found: Boolean(match) }).toMatchObject({ found: true });
    if (reason) expect(match.reason).toMatch(reason);
    expect(await counts()).toEqual(before);
  }

  it('publishes a batch of slots, all with their slot-published events', async () => {
    const other = await practitionerWithPlace(scheduling);
    const slots = Array.from({ length: 200 }, (_, i) => slotBody(other, 60 + i * 20, 20));
    const res = await other.practice.post('/slots/batch').send({ slots }).expect(201);
    expect(res.body.published).toBe(200);
    const [{ n }] = await db.query(
      `SELECT count(*)::int AS n FROM scheduling.outbox WHERE headers->>'ce_type' = 'fr.sas.slot-published.v1' AND message_key = $1`,
      [other.practitionerId],
    );
    expect(n).toBe(200);
  });

  it('refuses an RPPS of the wrong length or with a wrong check digit', async () => {
    await refused('/practitioners', { rpps: '1234567890', profession: 'general-practitioner' }, 'rpps', /11 digits/);
    const wrongKey = rpps(1_234_567_890).slice(0, 10) + ((Number(rpps(1_234_567_890)[10]) + 1) % 10);
    await refused('/practitioners', { rpps: wrongKey, profession: 'general-practitioner' }, 'rpps', /Luhn/);
  });

  it('refuses an unknown commune', async () => {
    await refused('/places', { practitionerId: owner.practitionerId, communeCode: '99999' }, 'communeCode', /no commune/);
  });

  it('refuses a slot ending before it starts, or with unknown codes', async () => {
    const body = slotBody(owner, 300);
    await refused('/slots', { ...body, end: new Date(Date.parse(body.start) - 60_000).toISOString() }, 'end', /after start/);
    await refused('/slots', { ...body, modes: ['AMB', 'TELEPORT'] }, 'modes');
    await refused('/slots', { ...body, visibility: ['SECRET'] }, 'visibility');
    await refused('/slots', { ...body, appointmentType: 'URGENT' }, 'appointmentType');
  });

  it('refuses text PostgreSQL cannot store (a lone UTF-16 surrogate), naming the field', async () => {
    const slot = { ...slotBody(owner, 1500, 20), bookingUrl: 'https://agenda.example/\ud800' };
    await refused('/slots/batch', { slots: [slotBody(owner, 1400, 20), slot] }, 'slots[1].bookingUrl', /well-formed Unicode/);
  });

  it('refuses a batch over 5,000 slots', async () => {
    const slots = Array.from({ length: 5001 }, (_, i) => slotBody(owner, 10_000 + i * 20, 20));
    await refused('/slots/batch', { slots }, 'slots', /at most 5000/);
  });

  it('refuses overlapping slots of one practitioner, in a batch or against stored slots, storing none of the batch', async () => {
    const stored = slotBody(owner, 600, 30);
    await owner.practice.post('/slots').send(stored).expect(201);
    await refused('/slots', slotBody(owner, 610, 30), 'start', /overlaps/);
    await refused('/slots/batch', { slots: [slotBody(owner, 900, 30), slotBody(owner, 920, 30)] }, 'slots[1].start', /overlaps/);
    await refused('/slots/batch', { slots: [slotBody(owner, 1200, 30), slotBody(owner, 605, 10)] }, 'slots[1].start', /overlaps/);
  });

  it('withdraws and modifies a free slot with a new revision', async () => {
    const created = await owner.practice.post('/slots').send(slotBody(owner, 2000)).expect(201);
    const changed = await owner.practice
      .patch(`/slots/${created.body.id}`)
      .send({ modes: ['VR'], visibility: ['SNP', 'PRO'] })
      .expect(200);
    expect(changed.body).toMatchObject({ modes: ['VR'], visibility: ['SNP', 'PRO'], revision: 2, status: 'free' });
    const withdrawn = await owner.practice.delete(`/slots/${created.body.id}`).expect(200);
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', revision: 3 });
    await owner.practice
      .patch(`/slots/${created.body.id}`)
      .send({ modes: ['AMB'] })
      .expect(409);
  });

  it('serves the OpenAPI document', async () => {
    const res = await scheduling.http.get('/docs-json').expect(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/slots', '/slots/batch', '/appointments', '/practitioners']),
    );
  });
});
