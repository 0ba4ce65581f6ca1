import { fromKafkaRecord, Topics } from '@sas/contracts';
import { startBookingChain } from './support/all-services';
import { RegulatorFunction } from '@sas/auth';
import { DataSource } from 'typeorm';
import { useIsolatedEnvironment } from './support/isolated-environment';
import { eventually, RunningService } from './support/running-service';
import { practitionerWithPlace, slotBody } from './support/scheduling-fixtures';
import { TopicReader } from './support/topic-reader';
import { adminToken, regulatorToken } from './support/tokens';

/**
 * A case's equity needs reach matching through the case's search, and the territory's
 * pre-triage protocol suggests an outcome at triage that the orientation is measured
 * against; through the real services, Kafka and PostgreSQL.
 */
describe('equity needs and pre-triage across services', () => {
  let scheduling: RunningService;
  let matching: RunningService;
  let orientation: RunningService;
  let reader: TopicReader;
  const staff: Record<string, string> = {};
  const as = (role: string) => ({ authorization: `Bearer ${staff[role]}` });
  /** Place id → what it offers, for the places published in beforeAll. */
  const places: Record<string, string> = {};
  let minutes = 60;

  /** A practitioner in Levallois with a place offering `offer`, and one SNP slot there. */
  const placeWithSlot = async (name: string, offer: Record<string, unknown>) => {
    const owner = await practitionerWithPlace(scheduling);
    const place = await owner.practice
      .post('/places')
      .send({ practitionerId: owner.practitionerId, communeCode: '92044', latitude: 48.8939, longitude: 2.2879, ...offer })
      .expect(201);
    places[place.body.id] = name;
    await owner.practice
      .post('/slots')
      .send({ ...slotBody({ practitionerId: owner.practitionerId, placeId: place.body.id }, (minutes += 30)), modes: ['AMB'] })
      .expect(201);
  };
  const openCase = async (over: Record<string, unknown> = {}, expected = 201) =>
    orientation.http
      .post('/cases')
      .set(as('call-taker'))
      .send({
        territory: '92',
        channel: '116117',
        communeCode: '92044',
        ageBand: '26-45',
        reasonCategory: 'fever',
        hasTreatingDoctor: false,
        ...over,
      })
      .expect(expected);
  const triage = (id: string) =>
    orientation.http.post(`/cases/${id}/triage`).set(as('call-taker')).send({ lifeThreatening: false }).expect(200);
  const assessedCase = async (over: Record<string, unknown> = {}) => {
    const kase = (await openCase(over)).body as { id: string };
    await triage(kase.id);
    await orientation.http
      .post(`/cases/${kase.id}/assessment`)
      .set(as('gp-regulator'))
      .send({ consultationNeeded: true, urgency: 'within-48h', mode: 'AMB' })
      .expect(200);
    return kase;
  };
  const searchedPlaces = async (caseId: string) => {
    const res = await orientation.http.post(`/cases/${caseId}/search`).set(as('snp-operator')).send({ limit: 100 }).expect(200);
    return {
      criteria: res.body.criteria,
      names: res.body.results.map((r: { place: { placeId: string } }) => places[r.place.placeId]),
    };
  };
  const caseEvents = (caseId: string, type: string) =>
    reader.messages
      .filter((m) => String(m.message.key) === caseId && m.headers.ce_type === `fr.sas.${type}.v1`)
      .map((m) => fromKafkaRecord(m.message).data as Record<string, unknown>);

  beforeAll(async () => {
    const { topicPrefix } = await useIsolatedEnvironment('equitytriage');
    reader = await TopicReader.open([topicPrefix + Topics.cases]);
    ({ scheduling, matching, orientation } = await startBookingChain());
    for (const role of ['call-taker', 'gp-regulator', 'snp-operator', 'supervisor'] as RegulatorFunction[])
      staff[role] = await regulatorToken(['92'], role, `equity-${role}`);
    staff['operator-75'] = await regulatorToken(['75'], 'snp-operator', 'equity-operator-75');
    staff['call-taker-75'] = await regulatorToken(['75'], 'call-taker', 'equity-call-taker-75');
    staff.admin = await adminToken();

    await placeWithSlot('arabic-speaking PASS', { languages: ['fr', 'ar'], treatsWithoutCover: true });
    await placeWithSlot('centre with interpreters, no cover needed', { interpreting: true, treatsWithoutCover: true });
    await placeWithSlot('arabic-speaking practice', { languages: ['fr', 'ar'], thirdPartyPayment: true });
    await placeWithSlot('french-only PASS', { languages: ['fr'], treatsWithoutCover: true });
    await placeWithSlot('practice with interpreters', { interpreting: true });
    await placeWithSlot('accessible practice', { wheelchairAccessible: true, accessibility: ['hearing'] });
    // All six slots indexed by matching before any search.
    await eventually(
      async () => {
        const res = await matching.http
          .get('/search')
          .set(as('snp-operator'))
          .query({ commune: '92044', limit: 100 })
          .expect(200);
        return res.body.results.length === 6 || undefined;
      },
      10_000,
      'the six slots in search',
    );
  });

  afterAll(async () => {
    await Promise.all([orientation?.close(), scheduling?.close(), matching?.close(), reader?.close()]);
    delete process.env.SCHEDULING_URL;
    delete process.env.MATCHING_URL;
  });

  it('a case with an interpreter need and no health cover finds only the places that meet both, the one speaking the language first', async () => {
    const kase = await assessedCase({ language: 'ar', interpreterNeeded: true, coverStatus: 'none' });
    const { criteria, names } = await searchedPlaces(kase.id);
    expect(criteria).toMatchObject({ commune: '92044', interpreterFor: 'ar', cover: 'none' });
    // The PASS speaking Arabic has a later slot, yet an interpreter in between costs more than the wait.
    expect(names).toEqual(['arabic-speaking PASS', 'centre with interpreters, no cover needed']);

    const plain = await assessedCase();
    expect((await searchedPlaces(plain.id)).names).toHaveLength(6);
  });

  it('filters by accessibility needs and C2S, and searches from where the patient is now rather than from home', async () => {
    const accessible = await assessedCase({ accessibilityNeeds: ['wheelchair', 'hearing'] });
    expect((await searchedPlaces(accessible.id)).names).toEqual(['accessible practice']);

    // At home in Melun (45 km away), at work in Levallois: the search starts at work.
    const atWork = await assessedCase({ communeCode: '77288', currentCommuneCode: '92044', coverStatus: 'c2s' });
    const found = await searchedPlaces(atWork.id);
    expect(found.criteria.commune).toBe('92044');
    expect(found.criteria.cover).toBe('c2s');
    expect(found.names).toHaveLength(6);
    const fromHome = await assessedCase({ communeCode: '77288' });
    expect((await searchedPlaces(fromHome.id)).names).toEqual([]);
  });

  it('keeps the equity needs out of the case events', async () => {
    const kase = (await openCase({ language: 'ps', interpreterNeeded: true, coverStatus: 'ame', currentCommuneCode: '92062' }))
      .body;
    expect(kase).toMatchObject({ language: 'ps', interpreterNeeded: true, coverStatus: 'ame', currentCommuneCode: '92062' });
    const [opened] = await eventually(
      async () => (caseEvents(kase.id, 'case-opened').length ? caseEvents(kase.id, 'case-opened') : undefined),
      5000,
      'case-opened',
    );
    const text = JSON.stringify(opened);
    for (const coded of ['"ps"', 'ame', '92062', 'interpreter', 'cover']) expect(text).not.toContain(coded);
  });

  it('returns the pre-triage suggestion with the triage step, records it on the case, and records whether the orientation followed it', async () => {
    const reasons = await orientation.http.get('/pre-triage/reasons').set(as('call-taker')).expect(200);
    expect(reasons.body).toContainEqual({ code: 'prescription-renewal', label: 'Renouvellement d’ordonnance' });

    const renewal = (await openCase({ reasonCategory: 'prescription-renewal' })).body;
    const triaged = await triage(renewal.id);
    expect(triaged.body.preTriage).toEqual({
      reason: 'prescription-renewal',
      outcome: 'pharmacy',
      urgency: null,
      mode: null,
      source: 'default',
    });
    expect(triaged.body).toMatchObject({ state: 'gp-regulation', suggestedOutcome: 'pharmacy', suggestedUrgency: null });
    await orientation.http
      .post(`/cases/${renewal.id}/assessment`)
      .set(as('gp-regulator'))
      .send({ consultationNeeded: false })
      .expect(200);
    const followed = await orientation.http
      .post(`/cases/${renewal.id}/orientation`)
      .set(as('gp-regulator'))
      .send({ outcome: 'pharmacy' })
      .expect(200);
    expect(followed.body).toMatchObject({ outcome: 'pharmacy', suggestedOutcome: 'pharmacy', followedSuggestion: true });

    const certificate = (await openCase({ reasonCategory: 'medical-certificate' })).body;
    expect((await triage(certificate.id)).body.preTriage).toMatchObject({ outcome: 'treating-doctor', urgency: null });
    await orientation.http
      .post(`/cases/${certificate.id}/assessment`)
      .set(as('gp-regulator'))
      .send({ consultationNeeded: false })
      .expect(200);
    await orientation.http
      .post(`/cases/${certificate.id}/orientation`)
      .set(as('gp-regulator'))
      .send({ outcome: 'medical-advice' })
      .expect(200);

    const recorded = (await orientation.http.get(`/cases/${certificate.id}`).set(as('supervisor')).expect(200)).body;
    expect(recorded).toMatchObject({ suggestedOutcome: 'treating-doctor', followedSuggestion: false });
    expect(recorded.steps.find((s: { step: string }) => s.step === 'triage').details.preTriage).toMatchObject({
      outcome: 'treating-doctor',
    });
    for (const [id, preTriage] of [
      [renewal.id, { suggestedOutcome: 'pharmacy', followed: true }],
      [certificate.id, { suggestedOutcome: 'treating-doctor', followed: false }],
    ] as const) {
      const [event] = await eventually(
        async () => (caseEvents(id, 'patient-oriented').length ? caseEvents(id, 'patient-oriented') : undefined),
        5000,
        'patient-oriented',
      );
      expect(event.preTriage).toEqual(preTriage);
    }

    // No rule for chest pain: the assessment decides alone.
    const chest = (await openCase({ reasonCategory: 'chest-pain' })).body;
    expect((await triage(chest.id)).body).toMatchObject({ preTriage: null, suggestedOutcome: null });
  });

  it("lets an admin set a territory's own rule, which applies there only, and remove it", async () => {
    const admin = { authorization: `Bearer ${staff.admin}` };
    await orientation.http
      .put('/pre-triage/protocols/92/prescription-renewal')
      .set(as('supervisor'))
      .send({ outcome: 'teleconsultation', mode: 'VR' })
      .expect(403);
    const set = await orientation.http
      .put('/pre-triage/protocols/92/prescription-renewal')
      .set(admin)
      .send({ outcome: 'teleconsultation', mode: 'VR' })
      .expect(200);
    expect(set.body).toEqual({
      reason: 'prescription-renewal',
      outcome: 'teleconsultation',
      urgency: null,
      mode: 'VR',
      source: 'territory',
    });

    const protocol92 = (await orientation.http.get('/pre-triage/protocols/92').set(as('supervisor')).expect(200)).body;
    expect(protocol92.rules).toContainEqual(set.body);
    expect(protocol92.rules).toContainEqual({
      reason: 'medical-certificate',
      outcome: 'treating-doctor',
      urgency: null,
      mode: null,
      source: 'default',
    });
    await orientation.http.get('/pre-triage/protocols/75').set(as('supervisor')).expect(403);

    const in92 = (await openCase({ reasonCategory: 'prescription-renewal' })).body;
    expect((await triage(in92.id)).body.preTriage).toMatchObject({
      outcome: 'teleconsultation',
      mode: 'VR',
      source: 'territory',
    });
    const in75 = (
      await orientation.http
        .post('/cases')
        .set(as('call-taker-75'))
        .send({
          territory: '75',
          channel: '15',
          communeCode: '75056',
          ageBand: '46-65',
          reasonCategory: 'prescription-renewal',
          hasTreatingDoctor: false,
        })
        .expect(201)
    ).body;
    const triaged75 = await orientation.http
      .post(`/cases/${in75.id}/triage`)
      .set(as('call-taker-75'))
      .send({ lifeThreatening: false })
      .expect(200);
    expect(triaged75.body.preTriage).toMatchObject({ outcome: 'pharmacy', source: 'default' });

    await orientation.http.delete('/pre-triage/protocols/92/prescription-renewal').set(admin).expect(204);
    await orientation.http.delete('/pre-triage/protocols/92/prescription-renewal').set(admin).expect(404);
    const back = (await orientation.http.get('/pre-triage/protocols/92').set(admin).expect(200)).body;
    expect(back.rules).toContainEqual({
      reason: 'prescription-renewal',
      outcome: 'pharmacy',
      urgency: null,
      mode: null,
      source: 'default',
    });
  });

  it('refuses bad needs, reasons and rules with a 400 naming the field, and changes nothing', async () => {
    const db = orientation.app.get(DataSource);
    const count = async () =>
      (
        await db.query(
          `SELECT (SELECT count(*) FROM orientation.regulation_case)::int AS cases, (SELECT count(*) FROM orientation.pre_triage_rule)::int AS rules`,
        )
      )[0];
    const before = await count();
    const field = async (over: Record<string, unknown>) =>
      (await openCase(over, 400)).body.errors.map((e: { field: string }) => e.field);
    expect(await field({ interpreterNeeded: true })).toEqual(['language']);
    expect(await field({ language: 'fr', interpreterNeeded: true })).toEqual(['language']);
    expect(await field({ language: 'Arabic' })).toEqual(['language']);
    expect(await field({ coverStatus: 'cmu' })).toEqual(['coverStatus']);
    expect(await field({ accessibilityNeeds: ['wheelchair', 'stairs'] })).toEqual(['accessibilityNeeds']);
    expect(await field({ currentCommuneCode: '99999' })).toEqual(['currentCommuneCode']);
    expect(await field({ reasonCategory: 'sore-thumb' })).toEqual(['reasonCategory']);

    const admin = { authorization: `Bearer ${staff.admin}` };
    const rule = async (path: string, body: Record<string, unknown>) =>
      (await orientation.http.put(`/pre-triage/protocols/${path}`).set(admin).send(body).expect(400)).body.errors.map(
        (e: { field: string }) => e.field,
      );
    expect(await rule('92/fever', { outcome: 'no-solution' })).toEqual(['outcome']);
    expect(await rule('92/fever', { outcome: 'elsewhere' })).toEqual(['outcome']);
    expect(await rule('92/prescription-renewal', { outcome: 'pharmacy', mode: 'VR' })).toEqual(['mode']);
    expect(await rule('92/fever', { outcome: 'snp-consultation', urgency: 'tomorrow' })).toEqual(['urgency']);
    expect(await rule('92/sore-thumb', { outcome: 'pharmacy' })).toEqual(['reason']);
    expect(await rule('2C/fever', { outcome: 'pharmacy' })).toEqual(['territory']);
    expect(await count()).toEqual(before);

    const owner = await practitionerWithPlace(scheduling);
    const place = await owner.practice
      .post('/places')
      .send({ practitionerId: owner.practitionerId, communeCode: '92044', accessibility: ['stairs'], treatsWithoutCover: 'yes' })
      .expect(400);
    expect(place.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['accessibility', 'treatsWithoutCover']);

    const search = await matching.http
      .get('/search')
      .set(as('snp-operator'))
      .query({ commune: '92044', cover: 'cmu', accessibility: 'wheelchair,stairs', interpreterFor: 'Arabic' })
      .expect(400);
    expect(search.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'accessibility',
      'cover',
      'interpreterFor',
    ]);
  });
});
