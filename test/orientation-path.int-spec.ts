import { fromKafkaRecord, Topics } from '@sas/contracts';
import { startBookingChain } from './support/all-services';
import { useIsolatedEnvironment } from './support/isolated-environment';
import { eventually, RunningService } from './support/running-service';
import { practitionerWithPlace, slotBody } from './support/scheduling-fixtures';
import testPatient from './support/test-patient.json';
import { TopicReader } from './support/topic-reader';
import { adminToken, regulatorToken, tokenFor } from './support/tokens';
import { RegulatorFunction } from '@sas/auth';

const OPERATOR = { familyName: 'RICART', givenName: 'Pauline', email: 'pauline.ricart@ghsas.fr' };

/** A regulator's whole path: call → triage → assessment → own doctor → search → booking, through the real services. */
describe('orientation across services: from the call to the booked appointment', () => {
  let scheduling: RunningService;
  let matching: RunningService;
  let orientation: RunningService;
  let reader: TopicReader;
  let owner: Awaited<ReturnType<typeof practitionerWithPlace>>;
  /** Tokens of the regulators of territory 92 (their accounts open on first sight). */
  const staff: Record<string, string> = {};
  const as = (role: string) => ({ authorization: `Bearer ${staff[role]}` });
  let minutes = 90;

  const publishSlot = async () =>
    (
      await owner.practice
        .post('/slots')
        .send({ ...slotBody(owner, (minutes += 30)), modes: ['AMB'] })
        .expect(201)
    ).body.id as string;
  const inSearch = async (slotId: string) => {
    const res = await matching.http.get('/search').set(as('snp-operator')).query({ commune: '92044', limit: 100 }).expect(200);
    return res.body.results.some((r: { slotId: string }) => r.slotId === slotId);
  };
  const assessedCase = async (over: Record<string, unknown> = {}) => {
    const kase = (
      await orientation.http
        .post('/cases')
        .set(as('call-taker'))
        .send({
          territory: '92',
          channel: '15',
          communeCode: '92044',
          ageBand: '6-15',
          reasonCategory: 'abdominal-pain',
          hasTreatingDoctor: false,
          ...over,
        })
        .expect(201)
    ).body;
    await orientation.http.post(`/cases/${kase.id}/triage`).set(as('call-taker')).send({ lifeThreatening: false }).expect(200);
    await orientation.http
      .post(`/cases/${kase.id}/assessment`)
      .set(as('gp-regulator'))
      .send({ consultationNeeded: true, urgency: 'within-48h', mode: 'AMB' })
      .expect(200);
    return kase as { id: string };
  };
  const orientedEvents = (caseId: string) =>
    reader.messages
      .filter((m) => String(m.message.key) === caseId && m.headers.ce_type === 'fr.sas.patient-oriented.v1')
      .map((m) => fromKafkaRecord(m.message).data as Record<string, unknown>);

  beforeAll(async () => {
    const { topicPrefix } = await useIsolatedEnvironment('orientationpath');
    reader = await TopicReader.open([topicPrefix + Topics.cases]);
    ({ scheduling, matching, orientation } = await startBookingChain());
    owner = await practitionerWithPlace(scheduling, '92044', { familyName: 'MOREL', givenName: 'Didier' });
    for (const role of ['call-taker', 'gp-regulator', 'supervisor'] as RegulatorFunction[])
      staff[role] = await regulatorToken(['92'], role, `path-${role}`);
    // The operator's identity provider gives the standard OpenID claims: the account records them for Hub Santé.
    staff['snp-operator'] = await tokenFor({
      role: 'regulator',
      regulatorFunction: 'snp-operator',
      territories: ['92'],
      subject: 'path-snp-operator',
      identity: OPERATOR,
    });
    staff['snp-operator-2'] = await regulatorToken(['92', '75'], 'snp-operator', 'path-operator-2');
  });

  afterAll(async () => {
    await Promise.all([orientation?.close(), scheduling?.close(), matching?.close(), reader?.close()]);
    delete process.env.SCHEDULING_URL;
    delete process.env.MATCHING_URL;
  });

  it('opens, triages, assesses, tries the own doctor, searches, books: patient-oriented with the appointment and delay, slot gone from search', async () => {
    const slotId = await publishSlot();
    await eventually(async () => (await inSearch(slotId)) || undefined, 5000, 'the slot in search');

    const kase = await assessedCase({
      hasTreatingDoctor: true,
      patientContact: { name: testPatient.name, phone: testPatient.phone },
    });
    const untried = await orientation.http
      .post(`/cases/${kase.id}/orientation`)
      .set(as('snp-operator'))
      .send({ outcome: 'snp-consultation', slotId })
      .expect(409);
    expect(untried.body).toMatchObject({ reason: 'treating-doctor-not-tried', allowed: ['treating-doctor-attempt'] });
    await orientation.http
      .post(`/cases/${kase.id}/treating-doctor-attempt`)
      .set(as('snp-operator'))
      .send({ result: 'unreachable' })
      .expect(200);

    const search = await orientation.http.post(`/cases/${kase.id}/search`).set(as('snp-operator')).send({}).expect(200);
    expect(search.body.criteria).toMatchObject({ commune: '92044', mode: 'AMB', specialty: 'SM54' });
    const chosen = search.body.results.find((r: { slotId: string }) => r.slotId === slotId);
    expect(chosen).toBeDefined();

    const oriented = await orientation.http
      .post(`/cases/${kase.id}/orientation`)
      .set(as('snp-operator'))
      .send({ outcome: 'snp-consultation', slotId })
      .expect(200);
    expect(oriented.body).toMatchObject({
      state: 'oriented',
      outcome: 'snp-consultation',
      appointmentSlotId: slotId,
      allowedActions: [],
    });

    const [event] = await eventually(
      async () => (orientedEvents(kase.id).length ? orientedEvents(kase.id) : undefined),
      5000,
      'patient-oriented',
    );
    expect(event).toMatchObject({
      caseId: kase.id,
      outcome: 'snp-consultation',
      mode: 'AMB',
      urgency: 'within-48h',
      reorientation: false,
      appointment: { appointmentId: oriented.body.appointmentId, slotId, practitionerId: owner.practitionerId },
      practitionerRpps: owner.rpps,
      // scheduling's booking answer → the case → the event: the booked practitioner's names and codes
      practitioner: { familyName: 'MOREL', givenName: 'Didier', profession: 'general-practitioner', specialties: ['SM54'] },
    });
    // The regulator is named by account id only; the account holds the token's names and e-mail.
    const accounts = (
      await orientation.http
        .get('/regulators')
        .set('authorization', `Bearer ${await adminToken()}`)
        .expect(200)
    ).body as Record<string, unknown>[];
    const operator = accounts.find((a) => a.localId === 'path-snp-operator')!;
    expect(event.orientedBy).toBe(operator.id);
    expect(operator).toMatchObject({ familyName: OPERATOR.familyName, givenName: OPERATOR.givenName, email: OPERATOR.email });
    expect(JSON.stringify(orientedEvents(kase.id))).not.toMatch(/RICART|Pauline|ghsas/);
    const expectedDelay = Math.round(
      (Date.parse(oriented.body.appointmentStart) - Date.parse(oriented.body.callReceivedAt)) / 60_000,
    );
    expect(event.delayMinutes).toBe(expectedDelay);
    expect(JSON.stringify(event)).not.toMatch(/Testpatient|98 76/);

    await eventually(async () => ((await inSearch(slotId)) ? undefined : true), 1000, 'the booked slot gone from search');

    // Follow-up: the practice reports the patient was seen → the case is complete.
    await owner.practice.post(`/appointments/${oriented.body.appointmentId}/honoured`).expect(200);
    await eventually(
      async () =>
        (await orientation.http.get(`/cases/${kase.id}`).set(as('supervisor'))).body.state === 'completed' ? true : undefined,
      5000,
      'case completed',
    );

    // The audit trails: scheduling recorded the booking with the regulator's id, orientation the decision.
    const bookings = await scheduling.http
      .get('/audit')
      .query({ targetId: oriented.body.appointmentId })
      .set({ authorization: `Bearer ${await adminToken()}` })
      .expect(200);
    expect(bookings.body.map((e: { action: string }) => e.action).sort()).toEqual(['booked', 'honoured']);
    expect(bookings.body.find((e: { action: string }) => e.action === 'booked')).toMatchObject({
      actor: { role: 'regulator', id: 'path-snp-operator' },
      territory: '92',
      target: { type: 'appointment' },
    });
    const decisions = await orientation.http.get('/audit').query({ targetId: kase.id }).set(as('supervisor')).expect(200);
    expect(decisions.body).toEqual([
      expect.objectContaining({ action: 'oriented', actor: { role: 'regulator', id: 'path-snp-operator' }, territory: '92' }),
    ]);
    await orientation.http.get('/audit').query({ territory: '75' }).set(as('supervisor')).expect(403);
    await orientation.http.get('/audit').set(as('snp-operator')).expect(403);
  });

  it('race: two operators book the same slot for two cases; one is oriented, the other gets 409 and stays open with the search offered again', async () => {
    const slotId = await publishSlot();
    const spare = await publishSlot();
    await eventually(
      async () => ((await inSearch(slotId)) && (await inSearch(spare))) || undefined,
      5000,
      'both slots in search',
    );
    const [a, b] = await Promise.all([assessedCase(), assessedCase()]);

    const answers = await Promise.all([
      orientation.http.post(`/cases/${a.id}/orientation`).set(as('snp-operator')).send({ outcome: 'snp-consultation', slotId }),
      orientation.http.post(`/cases/${b.id}/orientation`).set(as('snp-operator-2')).send({ outcome: 'snp-consultation', slotId }),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    const lost = answers.find((r) => r.status === 409)!;
    const loser = answers[0].status === 409 ? a : b;
    const winner = loser === a ? b : a;
    expect(lost.body).toMatchObject({
      reason: 'slot-booked',
      caseState: 'assessed',
      search: { criteria: { commune: '92044', mode: 'AMB' } },
    });
    expect(lost.body.search.results.map((r: { slotId: string }) => r.slotId)).not.toContain(slotId);

    const loserCase = (await orientation.http.get(`/cases/${loser.id}`).set(as('supervisor')).expect(200)).body;
    expect(loserCase).toMatchObject({ state: 'assessed', outcome: null, appointmentId: null });
    expect(loserCase.steps.map((s: { step: string }) => s.step)).toEqual(['taken', 'triage', 'assessment']);

    // The loser picks another slot; the winner's appointment is later cancelled → re-orientation.
    await orientation.http
      .post(`/cases/${loser.id}/orientation`)
      .set(as('snp-operator'))
      .send({ outcome: 'snp-consultation', slotId: spare })
      .expect(200);
    const won = (await orientation.http.get(`/cases/${winner.id}`).set(as('supervisor')).expect(200)).body;
    await owner.practice.post(`/appointments/${won.appointmentId}/cancel`).send({ by: 'patient' }).expect(200);
    await eventually(
      async () =>
        (await orientation.http.get(`/cases/${winner.id}`).set(as('supervisor'))).body.state === 'reorientation-needed'
          ? true
          : undefined,
      5000,
      'case open to re-orientation',
    );
    await orientation.http
      .post(`/cases/${winner.id}/orientation`)
      .set(as('snp-operator'))
      .send({ outcome: 'teleconsultation' })
      .expect(200);
    const events = await eventually(
      async () => (orientedEvents(winner.id).length === 2 ? orientedEvents(winner.id) : undefined),
      5000,
      'the re-orientation event',
    );
    expect(events.map((e) => [e.outcome, e.reorientation])).toEqual([
      ['snp-consultation', false],
      ['teleconsultation', true],
    ]);
  });

  it('cancels a booking made for a case that the case never recorded, so the slot is not held for nobody', async () => {
    const slotId = await publishSlot();
    const kase = await assessedCase();
    const booked = await scheduling.http
      .post('/appointments')
      .set(as('snp-operator'))
      .send({ slotId, caseId: kase.id })
      .expect(201);
    await eventually(
      async () =>
        (await scheduling.http.get(`/appointments/${booked.body.id}`).set(as('snp-operator'))).body.status === 'cancelled'
          ? true
          : undefined,
      5000,
      'the orphan booking cancelled',
    );
    await eventually(async () => (await inSearch(slotId)) || undefined, 5000, 'the slot free again in search');
    expect((await orientation.http.get(`/cases/${kase.id}`).set(as('supervisor'))).body.state).toBe('assessed');
  });

  it('answers 400 for an unknown slot and changes nothing', async () => {
    const kase = await assessedCase();
    const res = await orientation.http
      .post(`/cases/${kase.id}/orientation`)
      .set(as('snp-operator'))
      .send({ outcome: 'snp-consultation', slotId: '3f0c1b1a-1111-4aaa-8bbb-000000000000' })
      .expect(400);
    expect(res.body.errors).toEqual([{ field: 'slotId', reason: expect.stringContaining('does not exist') }]);
    expect((await orientation.http.get(`/cases/${kase.id}`).set(as('supervisor'))).body.state).toBe('assessed');
  });

  it("passes scheduling's 429 through with its Retry-After, and changes nothing on the case", async () => {
    const limited = await regulatorToken(['92'], 'snp-operator', 'path-rate-limited');
    const kase = await assessedCase();
    const slotId = await publishSlot();
    // The operator spends scheduling's booking budget (RATE_LIMIT_BOOKING_PER_MINUTE, 120) on slots that do not exist.
    const unknown = { slotId: '00000000-0000-4000-8000-000000000000' };
    for (let i = 0; i < 120; i++)
      await scheduling.http
        .post('/appointments')
        .set({ authorization: `Bearer ${limited}` })
        .send(unknown);
    await scheduling.http
      .post('/appointments')
      .set({ authorization: `Bearer ${limited}` })
      .send(unknown)
      .expect(429);

    const res = await orientation.http
      .post(`/cases/${kase.id}/orientation`)
      .set({ authorization: `Bearer ${limited}` })
      .send({ outcome: 'snp-consultation', slotId });
    expect({ status: res.status, retryAfter: Number(res.headers['retry-after']) }).toEqual({
      status: 429,
      retryAfter: expect.any(Number),
    });
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(res.body.message).toMatch(/^scheduling: too many booking requests/);
    expect((await orientation.http.get(`/cases/${kase.id}`).set(as('supervisor'))).body.state).toBe('assessed');
  });
});
