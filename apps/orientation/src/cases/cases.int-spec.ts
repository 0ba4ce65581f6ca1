import { fromKafkaRecord, Topics } from '@sas/contracts';
import { DataSource } from 'typeorm';
import { useIsolatedEnvironment } from '../../../../test/support/isolated-environment';
import { eventually, RunningService, startService, waitUntilReady } from '../../../../test/support/running-service';
import testPatient from '../../../../test/support/test-patient.json';
import { TopicReader } from '../../../../test/support/topic-reader';
import { adminToken, tokenFor } from '../../../../test/support/tokens';
import { RegulatorFunction, signDevelopmentToken } from '@sas/auth';
import { AppModule } from '../app.module';
import { ContactErasureJob } from '../patient-contact/contact-erasure.job';

const caseBody = (over: Record<string, unknown> = {}) => ({
  territory: '92',
  channel: '116117',
  communeCode: '92044',
  ageBand: '26-45',
  reasonCategory: 'fever',
  hasTreatingDoctor: false,
  ...over,
});

describe('orientation: cases, regulation chain and regulator accounts', () => {
  let orientation: RunningService;
  let db: DataSource;
  let reader: TopicReader;
  let prefix: string;
  type Regulator = { id: string; token: string };
  const as = (regulator: { token: string }) => ({ authorization: `Bearer ${regulator.token}` });
  let admin: { token: string };
  let callTaker: Regulator;
  let gp: Regulator;
  let operator: Regulator;
  let elsewhere: Regulator;

  /** An account opened by the admin, and the token the identity provider gives that regulator. */
  const regulator = async (role: RegulatorFunction, territories = ['92']): Promise<Regulator> => {
    const localId = `${role}-${Math.random().toString(36).slice(2)}`;
    const account = (await orientation.http.post('/regulators').set(as(admin)).send({ localId, role, territories }).expect(201))
      .body;
    return {
      id: account.id,
      token: await tokenFor({ role: 'regulator', subject: localId, regulatorFunction: role, territories }),
    };
  };
  const counts = async () =>
    (
      await db.query(
        `SELECT (SELECT count(*) FROM orientation.regulation_case)::int AS cases, (SELECT count(*) FROM orientation.case_step)::int AS steps, (SELECT count(*) FROM orientation.outbox)::int AS events`,
      )
    )[0];

  beforeAll(async () => {
    ({ topicPrefix: prefix } = await useIsolatedEnvironment('orientation'));
    reader = await TopicReader.open([prefix + Topics.cases]);
    orientation = await startService('orientation', AppModule);
    await waitUntilReady(orientation);
    db = orientation.app.get(DataSource);
    admin = { token: await adminToken() };
    [callTaker, gp, operator, elsewhere] = await Promise.all([
      regulator('call-taker'),
      regulator('gp-regulator'),
      regulator('snp-operator'),
      regulator('gp-regulator', ['75']),
    ]);
  });

  afterAll(async () => {
    await Promise.all([orientation?.close(), reader?.close()]);
  });

  it('refuses bad regulator accounts naming the field, and duplicates', async () => {
    const bad = await orientation.http
      .post('/regulators')
      .set(as(admin))
      .send({ localId: 'x1-bad', role: 'surgeon', territories: ['2C'] })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['role', 'territories']);
    await orientation.http
      .post('/regulators')
      .set(as(admin))
      .send({ role: 'call-taker', territories: ['92'] })
      .expect(400);
    await orientation.http
      .post('/regulators')
      .set(as(admin))
      .send({ localId: 'dup-1', role: 'call-taker', territories: ['92'] })
      .expect(201);
    await orientation.http
      .post('/regulators')
      .set(as(admin))
      .send({ localId: 'dup-1', role: 'call-taker', territories: ['92'] })
      .expect(409);
    const badMail = await orientation.http
      .post('/regulators')
      .set(as(admin))
      .send({ localId: 'mail-1', role: 'call-taker', territories: ['92'], email: 'nope' })
      .expect(400);
    expect(badMail.body.errors.map((e: { field: string }) => e.field)).toEqual(['email']);
  });

  it("records a regulator's names and e-mail through the supervisor of its territory, naming a bad field", async () => {
    const supervisor = await regulator('supervisor');
    const supervisorElsewhere = await regulator('supervisor', ['75']);
    const target = await regulator('snp-operator');
    const put = (by: Regulator, body: object) => orientation.http.put(`/regulators/${target.id}/identity`).set(as(by)).send(body);
    const bad = await put(supervisor, { email: 'not-an-address', familyName: '' }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['email', 'familyName']);
    await put(supervisor, {}).expect(400);
    await put(supervisorElsewhere, { familyName: 'RICART' }).expect(403);
    await put(target, { familyName: 'RICART' }).expect(403);
    expect((await orientation.http.get(`/regulators/${target.id}`).set(as(admin))).body).toMatchObject({
      familyName: null,
      email: null,
    });
    await put(supervisor, { familyName: 'RICART', givenName: 'Pauline', email: 'pauline.ricart@ghsas.fr' }).expect(200);
    expect((await orientation.http.get(`/regulators/${target.id}`).set(as(admin))).body).toMatchObject({
      familyName: 'RICART',
      givenName: 'Pauline',
      email: 'pauline.ricart@ghsas.fr',
    });
  });

  it('opens a case with an encrypted call-back contact that is never listed, logged or published', async () => {
    const written: string[] = [];
    const spy = jest
      .spyOn(process.stdout, 'write')
      .mockImplementation((chunk: string | Uint8Array) => (written.push(String(chunk)), true));
    let opened;
    try {
      opened = await orientation.http
        .post('/cases')
        .set(as(callTaker))
        .send(caseBody({ patientContact: { name: testPatient.name, phone: testPatient.phone }, sex: 'F' }))
        .expect(201);
    } finally {
      spy.mockRestore();
    }
    expect(opened.body).toMatchObject({ state: 'opened', hasPatientContact: true, allowedActions: ['triage'] });
    expect(JSON.stringify(opened.body)).not.toContain('Testpatient');
    expect(written.join('')).not.toContain('Testpatient');

    const [raw] = await db.query(`SELECT patient_contact FROM orientation.regulation_case WHERE id = $1`, [opened.body.id]);
    expect(raw.patient_contact.toString('latin1')).not.toContain('Testpatient');
    const list = await orientation.http.get('/cases').query({ territory: '92' }).set(as(gp)).expect(200);
    expect(list.body.map((c: { id: string }) => c.id)).toContain(opened.body.id);
    expect(JSON.stringify(list.body)).not.toMatch(/Testpatient|98 76/);
    const contact = await orientation.http.get(`/cases/${opened.body.id}/contact`).set(as(operator)).expect(200);
    expect(contact.body).toEqual({ name: testPatient.name, phone: testPatient.phone });
    // Each reading is in the append-only audit trail, with who read it (never what was read).
    const reads = await orientation.http
      .get('/audit')
      .query({ targetId: opened.body.id, action: 'contact-read' })
      .set(as(admin))
      .expect(200);
    expect(reads.body).toEqual([
      expect.objectContaining({
        action: 'contact-read',
        actor: { role: 'regulator', id: expect.stringMatching(/^snp-operator-/) },
        territory: '92',
        target: { type: 'case', id: opened.body.id },
      }),
    ]);
    expect(JSON.stringify(reads.body)).not.toMatch(/Testpatient|98 76/);

    const opening = await eventually(
      async () => reader.withHeader('ce_subject', opened.body.id).length >= 2 || undefined,
      5000,
      'case-opened and taken step',
    );
    expect(opening).toBe(true);
    const types = reader.messages
      .filter((m) => String(m.message.key) === opened.body.id)
      .map((m) => fromKafkaRecord(m.message).type);
    expect(types).toEqual(['fr.sas.case-opened.v1', 'fr.sas.case-step-recorded.v1']);
  });

  it('erases the contact once the retention is over', async () => {
    const opened = await orientation.http
      .post('/cases')
      .set(as(callTaker))
      .send(caseBody({ patientContact: { phone: testPatient.phone } }))
      .expect(201);
    const job = orientation.app.get(ContactErasureJob);
    expect(await job.eraseDue(new Date(Date.now() + 29 * 86400_000))).toBe(0);
    expect(await job.eraseDue(new Date(Date.now() + 31 * 86400_000))).toBeGreaterThanOrEqual(1);
    await orientation.http.get(`/cases/${opened.body.id}/contact`).set(as(operator)).expect(404);
    const [raw] = await db.query(`SELECT patient_contact FROM orientation.regulation_case WHERE id = $1`, [opened.body.id]);
    expect(raw.patient_contact).toBeNull();
  });

  it('refuses bad inputs naming each field and records nothing', async () => {
    const before = await counts();
    const res = await orientation.http
      .post('/cases')
      .set(as(callTaker))
      .send(
        caseBody({
          communeCode: '99999',
          ageBand: '30-40',
          channel: '18',
          patientContact: { phone: 'call me maybe' },
          nir: '1840175123456',
        }),
      )
      .expect(400);
    const fields = res.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['communeCode', 'ageBand', 'channel', 'patientContact.phone', 'nir']));
    await orientation.http
      .post('/cases')
      .set(as(callTaker))
      .send(caseBody({ callReceivedAt: new Date(Date.now() + 3600_000).toISOString() }))
      .expect(400);
    expect(await counts()).toEqual(before);
  });

  it('knows who acts: unknown, deactivated, wrong role or territory are refused, deactivation at once', async () => {
    await orientation.http.post('/cases').send(caseBody()).expect(401);
    const otherKey = await signDevelopmentToken(
      { role: 'regulator', regulatorFunction: 'call-taker', territories: ['92'] },
      new Uint8Array(32).fill(7),
    );
    await orientation.http
      .post('/cases')
      .set({ authorization: `Bearer ${otherKey}` })
      .send(caseBody())
      .expect(401);
    const expired = await tokenFor({ role: 'regulator', regulatorFunction: 'call-taker', territories: ['92'], ttlSeconds: -60 });
    await orientation.http
      .post('/cases')
      .set({ authorization: `Bearer ${expired}` })
      .send(caseBody())
      .expect(401);
    await orientation.http.post('/cases').set(as(operator)).send(caseBody()).expect(403);
    await orientation.http.post('/cases').set(as(elsewhere)).send(caseBody()).expect(403);
    const temp = await regulator('call-taker');
    await orientation.http.post('/cases').set(as(temp)).send(caseBody()).expect(201);
    await orientation.http.post(`/regulators/${temp.id}/deactivate`).set(as(admin)).expect(200);
    await orientation.http.post('/cases').set(as(temp)).send(caseBody()).expect(403);
  });

  it('refuses invalid transitions with 409 and the allowed actions; nothing recorded', async () => {
    const opened = (await orientation.http.post('/cases').set(as(callTaker)).send(caseBody()).expect(201)).body;
    const before = await counts();
    const early = await orientation.http
      .post(`/cases/${opened.id}/orientation`)
      .set(as(gp))
      .send({ outcome: 'medical-advice' })
      .expect(409);
    expect(early.body).toMatchObject({ reason: 'invalid-transition', state: 'opened', allowed: ['triage'] });
    await orientation.http.post(`/cases/${opened.id}/assessment`).set(as(gp)).send({ consultationNeeded: false }).expect(409);
    await orientation.http.post(`/cases/${opened.id}/triage`).set(as(operator)).send({ lifeThreatening: false }).expect(403);
    await orientation.http.post(`/cases/${opened.id}/triage`).set(as(callTaker)).send({ lifeThreatening: 'no' }).expect(400);
    expect(await counts()).toEqual(before);
    const triaged = await orientation.http
      .post(`/cases/${opened.id}/triage`)
      .set(as(callTaker))
      .send({ lifeThreatening: false })
      .expect(200);
    expect(triaged.body).toMatchObject({ state: 'gp-regulation', allowedActions: ['assessment'] });
  });

  it('sends a life-threatening call to emergency outcomes and publishes patient-oriented', async () => {
    const kase = (
      await orientation.http
        .post('/cases')
        .set(as(callTaker))
        .send(caseBody({ reasonCategory: 'chest-pain', ageBand: '66-75' }))
        .expect(201)
    ).body;
    await orientation.http.post(`/cases/${kase.id}/triage`).set(as(callTaker)).send({ lifeThreatening: true }).expect(200);
    const refused = await orientation.http
      .post(`/cases/${kase.id}/orientation`)
      .set(as(gp))
      .send({ outcome: 'pharmacy' })
      .expect(409);
    expect(refused.body).toMatchObject({ reason: 'outcome-not-allowed', allowedOutcomes: expect.arrayContaining(['smur']) });
    const oriented = await orientation.http
      .post(`/cases/${kase.id}/orientation`)
      .set(as(gp))
      .send({ outcome: 'smur' })
      .expect(200);
    expect(oriented.body).toMatchObject({ state: 'oriented', outcome: 'smur' });
    const message = await eventually(
      async () =>
        reader.messages.find((m) => String(m.message.key) === kase.id && m.headers.ce_type === 'fr.sas.patient-oriented.v1'),
      5000,
      'patient-oriented',
    );
    expect(fromKafkaRecord(message.message).data).toMatchObject({
      caseId: kase.id,
      territory: '92',
      outcome: 'smur',
      reorientation: false,
      ageBand: '66-75',
      reasonCategory: 'chest-pain',
    });
  });

  it('requires a coded reason for "no solution", and re-orients a final outcome as a re-orientation', async () => {
    const kase = (await orientation.http.post('/cases').set(as(callTaker)).send(caseBody()).expect(201)).body;
    await orientation.http.post(`/cases/${kase.id}/triage`).set(as(callTaker)).send({ lifeThreatening: false }).expect(200);
    await orientation.http.post(`/cases/${kase.id}/assessment`).set(as(gp)).send({ consultationNeeded: true }).expect(400);
    await orientation.http
      .post(`/cases/${kase.id}/assessment`)
      .set(as(gp))
      .send({ consultationNeeded: true, urgency: 'same-day', mode: 'AMB' })
      .expect(200);
    const missing = await orientation.http
      .post(`/cases/${kase.id}/orientation`)
      .set(as(operator))
      .send({ outcome: 'no-solution' })
      .expect(400);
    expect(missing.body.errors).toEqual([{ field: 'noSolutionReason', reason: expect.any(String) }]);
    await orientation.http
      .post(`/cases/${kase.id}/orientation`)
      .set(as(operator))
      .send({ outcome: 'no-solution', noSolutionReason: 'nobody answered' })
      .expect(400);
    await orientation.http
      .post(`/cases/${kase.id}/orientation`)
      .set(as(operator))
      .send({ outcome: 'no-solution', noSolutionReason: 'no-slot-in-time', note: 'called back twice' })
      .expect(200);
    await orientation.http
      .post(`/cases/${kase.id}/orientation`)
      .set(as(operator))
      .send({ outcome: 'marketplace', structureId: '0b6f1f64-3c2e-4d6b-9a0c-5b1e7d2f9a11' })
      .expect(200);
    const events = await eventually(
      async () => {
        const found = reader.messages.filter(
          (m) => String(m.message.key) === kase.id && m.headers.ce_type === 'fr.sas.patient-oriented.v1',
        );
        return found.length === 2 ? found.map((m) => fromKafkaRecord(m.message).data) : undefined;
      },
      5000,
      'two patient-oriented events',
    );
    expect(events).toMatchObject([
      { outcome: 'no-solution', noSolutionReason: 'no-slot-in-time', reorientation: false, urgency: 'same-day' },
      { outcome: 'marketplace', structureId: '0b6f1f64-3c2e-4d6b-9a0c-5b1e7d2f9a11', reorientation: true },
    ]);
    expect(JSON.stringify(events)).not.toContain('called back twice');
  });
});
