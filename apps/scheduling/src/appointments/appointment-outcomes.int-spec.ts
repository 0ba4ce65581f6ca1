import { DataSource } from 'typeorm';
import { useIsolatedEnvironment } from '../../../../test/support/isolated-environment';
import { Caller, RunningService, startService } from '../../../../test/support/running-service';
import { practitionerWithPlace, rpps, siret, slotBody } from '../../../../test/support/scheduling-fixtures';
import { adminToken, practiceToken, regulatorToken } from '../../../../test/support/tokens';
import { AppModule } from '../app.module';

/** A SIRET with its Luhn key, from a 13-digit stem. */

describe("a practice's day of outcomes at once (POST /appointments/outcomes)", () => {
  let scheduling: RunningService;
  let db: DataSource;
  let regulator: Caller;
  let gp: Awaited<ReturnType<typeof practitionerWithPlace>>;
  let centre: { practice: Caller; structureId: string; placeId: string };
  let minutes = 120;

  beforeAll(async () => {
    await useIsolatedEnvironment('outcomes');
    scheduling = await startService('scheduling', AppModule);
    db = scheduling.app.get(DataSource);
    regulator = scheduling.as(await regulatorToken(['92'], 'snp-operator', 'outcomes-operator'));
    gp = await practitionerWithPlace(scheduling);
    const number = siret(4_430_000_000_000 + Math.floor(Math.random() * 1e8));
    const structureId = (
      await scheduling
        .as(await adminToken())
        .post('/structures')
        .send({ siret: number, kind: 'centre-de-sante', name: 'Centre de santé' })
        .expect(201)
    ).body.id as string;
    const practice = scheduling.as(await practiceToken({ structures: [number] }));
    const placeId = (
      await practice.post('/places').send({ structureId, communeCode: '92044', latitude: 48.89, longitude: 2.29 }).expect(201)
    ).body.id as string;
    centre = { practice, structureId, placeId };
  });

  afterAll(() => scheduling?.close());

  const bookedFor = async (practice: Caller, body: Record<string, unknown>) => {
    const slotId = (await practice.post('/slots').send(body).expect(201)).body.id as string;
    return (await regulator.post('/appointments').send({ slotId }).expect(201)).body.id as string;
  };
  const gpAppointment = () => bookedFor(gp.practice, slotBody(gp, (minutes += 30)));
  const centreAppointment = () => {
    const { practitionerId: _, ...body } = slotBody({ practitionerId: '', placeId: centre.placeId }, (minutes += 30));
    return bookedFor(centre.practice, { ...body, structureId: centre.structureId });
  };
  const stored = async (ids: string[]) =>
    (await db.query(
      `SELECT id, status, performing_practitioner_rpps AS rpps, no_show_reason AS reason FROM scheduling.appointment WHERE id = ANY($1)`,
      [ids],
    )) as { id: string; status: string; rpps: string | null; reason: string | null }[];
  const outcomeEvents = async (ids: string[]) =>
    (await db.query(
      `SELECT headers->>'ce_type' AS type, payload::jsonb AS payload FROM scheduling.outbox
        WHERE headers->>'ce_type' IN ('fr.sas.appointment-honoured.v1', 'fr.sas.appointment-no-show.v1')
          AND payload::jsonb->>'appointmentId' = ANY($1)`,
      [ids],
    )) as { type: string; payload: Record<string, unknown> }[];

  it("records a day's honoured and missed appointments with who saw the patient, each with its event and audit row", async () => {
    const [seen, missed] = [await gpAppointment(), await gpAppointment()];
    const replacement = rpps(2_000_000_000 + Math.floor(Math.random() * 1e8));
    const [ownSeen, byReplacement] = [await gpAppointment(), await gpAppointment()];
    const answer = await gp.practice
      .post('/appointments/outcomes')
      .send({
        outcomes: [
          { appointmentId: seen, outcome: 'honoured' },
          { appointmentId: missed, outcome: 'no-show', reason: 'no-notice' },
          { appointmentId: ownSeen, outcome: 'honoured', performingPractitionerRpps: gp.rpps },
          { appointmentId: byReplacement, outcome: 'honoured', performingPractitionerRpps: replacement },
        ],
      })
      .expect(200);
    expect(answer.body.outcomes).toEqual([
      { index: 0, appointmentId: seen, outcome: 'honoured', result: 'recorded', performingPractitionerRpps: gp.rpps },
      { index: 1, appointmentId: missed, outcome: 'no-show', result: 'recorded', performingPractitionerRpps: gp.rpps },
      { index: 2, appointmentId: ownSeen, outcome: 'honoured', result: 'recorded', performingPractitionerRpps: gp.rpps },
      {
        index: 3,
        appointmentId: byReplacement,
        outcome: 'honoured',
        result: 'recorded',
        performingPractitionerRpps: replacement,
      },
    ]);
    const ids = [seen, missed, ownSeen, byReplacement];
    expect(Object.fromEntries((await stored(ids)).map((r) => [r.id, [r.status, r.rpps, r.reason]]))).toEqual({
      [seen]: ['honoured', gp.rpps, null],
      [missed]: ['no-show', gp.rpps, 'no-notice'],
      [ownSeen]: ['honoured', gp.rpps, null],
      [byReplacement]: ['honoured', replacement, null],
    });
    const events = await outcomeEvents(ids);
    expect(events).toHaveLength(4);
    const missedEvent = events.find((e) => e.payload.appointmentId === missed)!;
    expect(missedEvent).toMatchObject({
      type: 'fr.sas.appointment-no-show.v1',
      payload: { performingPractitionerRpps: gp.rpps, reason: 'no-notice' },
    });
    expect(events.find((e) => e.payload.appointmentId === byReplacement)!.payload.performingPractitionerRpps).toBe(replacement);
    const [{ n }] = await db.query(
      `SELECT count(*)::int AS n FROM scheduling.audit_trail WHERE target_id = ANY($1) AND action IN ('honoured', 'no-show')`,
      [ids],
    );
    expect(n).toBe(4);

    // The same list again (an answer lost on the way back): unchanged, no second event.
    const again = await gp.practice
      .post('/appointments/outcomes')
      .send({
        outcomes: [
          { appointmentId: seen, outcome: 'honoured' },
          { appointmentId: missed, outcome: 'no-show', reason: 'no-notice' },
        ],
      })
      .expect(200);
    expect(again.body.outcomes.map((o: { result: string }) => o.result)).toEqual(['unchanged', 'unchanged']);
    expect(await outcomeEvents(ids)).toHaveLength(4);
    // Reported otherwise before: a conflict naming the item, and nothing else of the list recorded.
    const fresh = await gpAppointment();
    const conflict = await gp.practice
      .post('/appointments/outcomes')
      .send({
        outcomes: [
          { appointmentId: fresh, outcome: 'honoured' },
          { appointmentId: seen, outcome: 'no-show' },
        ],
      })
      .expect(409);
    expect(conflict.body).toMatchObject({ reason: 'appointment-honoured', index: 1 });
    expect((await stored([fresh]))[0].status).toBe('booked');
  });

  it("requires who saw the patient in a structure's slot without a practitioner, naming the item; nothing recorded", async () => {
    const [first, second] = [await centreAppointment(), await centreAppointment()];
    const refused = await centre.practice
      .post('/appointments/outcomes')
      .send({
        outcomes: [
          { appointmentId: first, outcome: 'honoured', performingPractitionerRpps: gp.rpps },
          { appointmentId: second, outcome: 'honoured' },
        ],
      })
      .expect(400);
    expect(refused.body.errors).toEqual([
      { field: 'outcomes.1.performingPractitionerRpps', reason: expect.stringContaining('is required') },
    ]);
    expect((await stored([first, second])).map((r) => r.status)).toEqual(['booked', 'booked']);
    expect(await outcomeEvents([first, second])).toEqual([]);

    await centre.practice
      .post('/appointments/outcomes')
      .send({
        outcomes: [
          { appointmentId: first, outcome: 'honoured', performingPractitionerRpps: gp.rpps },
          { appointmentId: second, outcome: 'no-show' },
        ],
      })
      .expect(200);
    const events = await outcomeEvents([first, second]);
    expect(events.find((e) => e.payload.appointmentId === first)!.payload).toMatchObject({
      structureId: centre.structureId,
      performingPractitionerRpps: gp.rpps,
    });
    expect(events.find((e) => e.payload.appointmentId === second)!.payload).not.toHaveProperty('performingPractitionerRpps');
    // The single endpoint applies the same rule.
    const third = await centreAppointment();
    const single = await centre.practice.post(`/appointments/${third}/honoured`).send({}).expect(400);
    expect(single.body.errors[0].field).toBe('performingPractitionerRpps');
  });

  it('refuses bad items naming index and field, and another practice’s appointment (403), changing nothing', async () => {
    const mine = await gpAppointment();
    const bad = await gp.practice
      .post('/appointments/outcomes')
      .send({
        outcomes: [
          { appointmentId: mine, outcome: 'honoured' },
          { appointmentId: 'not-a-uuid', outcome: 'seen' },
          { appointmentId: mine, outcome: 'no-show', reason: 'forgot', performingPractitionerRpps: '12345678901' },
        ],
      })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'outcomes.1.appointmentId',
      'outcomes.1.outcome',
      'outcomes.2.performingPractitionerRpps',
      'outcomes.2.reason',
    ]);
    const twice = await gp.practice
      .post('/appointments/outcomes')
      .send({
        outcomes: [
          { appointmentId: mine, outcome: 'honoured' },
          { appointmentId: mine, outcome: 'no-show' },
        ],
      })
      .expect(400);
    expect(twice.body.errors).toEqual([{ field: 'outcomes.1.appointmentId', reason: 'already given in outcomes.0' }]);
    const withReason = await gp.practice
      .post('/appointments/outcomes')
      .send({ outcomes: [{ appointmentId: mine, outcome: 'honoured', reason: 'other' }] })
      .expect(400);
    expect(withReason.body.errors).toEqual([{ field: 'outcomes.0.reason', reason: 'only a no-show has a reason' }]);
    const unknown = await gp.practice
      .post('/appointments/outcomes')
      .send({ outcomes: [{ appointmentId: '00000000-0000-4000-8000-000000000000', outcome: 'honoured' }] })
      .expect(400);
    expect(unknown.body.errors[0].field).toBe('outcomes.0.appointmentId');
    await gp.practice.post('/appointments/outcomes').send({ outcomes: [] }).expect(400);

    const theirs = await centreAppointment();
    const refused = await gp.practice
      .post('/appointments/outcomes')
      .send({
        outcomes: [
          { appointmentId: mine, outcome: 'honoured' },
          { appointmentId: theirs, outcome: 'no-show' },
        ],
      })
      .expect(403);
    expect(refused.body.message).toMatch(/^outcomes\.1: /);
    expect((await stored([mine, theirs])).map((r) => r.status)).toEqual(['booked', 'booked']);
    expect(await outcomeEvents([mine, theirs])).toEqual([]);
  });
});
