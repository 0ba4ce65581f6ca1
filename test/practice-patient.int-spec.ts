import { DataSource } from 'typeorm';
import { AppModule as OrientationModule } from '../apps/orientation/src/app.module';
import { ContactErasureJob } from '../apps/orientation/src/patient-contact/contact-erasure.job';
import { AppModule as SchedulingModule } from '../apps/scheduling/src/app.module';
import { useIsolatedEnvironment } from './support/isolated-environment';
import { Caller, RunningService, startService, waitUntilReady } from './support/running-service';
import { practitionerWithPlace, slotBody } from './support/scheduling-fixtures';
import testPatient from './support/test-patient.json';
import { practiceToken, regulatorToken } from './support/tokens';
import { RegulatorFunction } from '@sas/auth';

const NOTE = 'Douleur abdominale depuis hier, patient anxieux : rappeler avant si retard';
const RETENTION_MS = 30 * 86400_000;

/** The practice that receives a SAS patient reads who is coming from orientation, and nobody else does. */
describe('the patient a practice receives (GET /appointments/:id/patient on orientation)', () => {
  let scheduling: RunningService;
  let orientation: RunningService;
  let db: DataSource;
  let owner: Awaited<ReturnType<typeof practitionerWithPlace>>;
  let other: Awaited<ReturnType<typeof practitionerWithPlace>>;
  const staff: Record<string, string> = {};
  const as = (role: string) => ({ authorization: `Bearer ${staff[role]}` });
  /** The two practices, calling orientation. */
  const at = {} as Record<'owner' | 'other', Caller>;
  let minutes = 120;

  /** A case through the chain, booked into the owner's new slot by the SNP operator; its appointment id. */
  const bookedCase = async (over: Record<string, unknown> = {}, orientation_: Record<string, unknown> = {}) => {
    const slotId = (
      await owner.practice
        .post('/slots')
        .send({ ...slotBody(owner, (minutes += 30)), modes: ['AMB'] })
        .expect(201)
    ).body.id as string;
    const kase = (
      await orientation.http
        .post('/cases')
        .set(as('call-taker'))
        .send({
          territory: '92',
          channel: '15',
          communeCode: '92044',
          ageBand: '46-65',
          reasonCategory: 'abdominal-pain',
          hasTreatingDoctor: false,
          patientContact: { name: testPatient.name, phone: testPatient.phone },
          ...over,
        })
        .expect(201)
    ).body as { id: string };
    await orientation.http.post(`/cases/${kase.id}/triage`).set(as('call-taker')).send({ lifeThreatening: false }).expect(200);
    await orientation.http
      .post(`/cases/${kase.id}/assessment`)
      .set(as('gp-regulator'))
      .send({ consultationNeeded: true, urgency: 'within-48h', mode: 'AMB' })
      .expect(200);
    const oriented = await orientation.http
      .post(`/cases/${kase.id}/orientation`)
      .set(as('snp-operator'))
      .send({ outcome: 'snp-consultation', slotId, ...orientation_ })
      .expect(200);
    return { caseId: kase.id, appointmentId: oriented.body.appointmentId as string };
  };
  const reads = async (appointmentId: string) =>
    (
      await orientation.http
        .get('/audit')
        .query({ targetId: appointmentId, action: 'patient-read' })
        .set(as('supervisor'))
        .expect(200)
    ).body as { actor: { role: string }; territory: string; target: { type: string; id: string } }[];

  beforeAll(async () => {
    await useIsolatedEnvironment('practicepatient');
    scheduling = await startService('scheduling', SchedulingModule);
    process.env.SCHEDULING_URL = await scheduling.app.getUrl();
    orientation = await startService('orientation', OrientationModule);
    await Promise.all([waitUntilReady(scheduling), waitUntilReady(orientation)]);
    db = orientation.app.get(DataSource);
    owner = await practitionerWithPlace(scheduling, '92044');
    other = await practitionerWithPlace(scheduling, '92044');
    at.owner = orientation.as(await practiceToken({ rpps: [owner.rpps] }));
    at.other = orientation.as(await practiceToken({ rpps: [other.rpps] }));
    for (const role of ['call-taker', 'gp-regulator', 'snp-operator', 'supervisor'] as RegulatorFunction[])
      staff[role] = await regulatorToken(['92'], role, `patient-${role}`);
  });

  afterAll(async () => {
    await Promise.all([orientation?.close(), scheduling?.close()]);
    delete process.env.SCHEDULING_URL;
  });

  it("gives the owning practice the patient's name, phone, age band, reason, mode and the regulator's note, audited; never logged", async () => {
    const written: string[] = [];
    const spy = jest
      .spyOn(process.stdout, 'write')
      .mockImplementation((chunk: string | Uint8Array) => (written.push(String(chunk)), true));
    let booked: { caseId: string; appointmentId: string };
    let read;
    try {
      booked = await bookedCase({}, { practitionerNote: NOTE });
      read = await at.owner.get(`/appointments/${booked.appointmentId}/patient`).expect(200);
    } finally {
      spy.mockRestore();
    }
    expect(read.body).toEqual({
      appointmentId: booked.appointmentId,
      caseId: booked.caseId,
      mode: 'AMB',
      ageBand: '46-65',
      sex: null,
      reasonCategory: 'abdominal-pain',
      urgency: 'within-48h',
      patient: { name: testPatient.name, phone: testPatient.phone },
      practitionerNote: NOTE,
      availableUntil: expect.any(String),
    });
    expect(Date.parse(read.body.availableUntil) - Date.now()).toBeGreaterThan(RETENTION_MS - 3600_000);
    expect(written.join('')).not.toMatch(/Testpatient|Zéphyrine|98 76 54 32|Douleur abdominale/);
    // Stored encrypted, like the contact.
    const [raw] = await db.query(`SELECT practitioner_note FROM orientation.regulation_case WHERE id = $1`, [booked.caseId]);
    expect(raw.practitioner_note.toString('latin1')).not.toContain('Douleur');

    expect(await reads(booked.appointmentId)).toEqual([
      expect.objectContaining({
        actor: expect.objectContaining({ role: 'practice' }),
        territory: '92',
        target: { type: 'appointment', id: booked.appointmentId },
      }),
    ]);
  });

  it('refuses another practice (403) and a regulator (403), recording no reading', async () => {
    const { appointmentId } = await bookedCase();
    const refused = await at.other.get(`/appointments/${appointmentId}/patient`).expect(403);
    expect(JSON.stringify(refused.body)).not.toMatch(/Testpatient|98 76/);
    await orientation.http.get(`/appointments/${appointmentId}/patient`).set(as('snp-operator')).expect(403);
    await orientation.http.get(`/appointments/${appointmentId}/patient`).expect(401);
    await at.owner.get(`/appointments/00000000-0000-4000-8000-000000000000/patient`).expect(404);
    expect(await reads(appointmentId)).toEqual([]);
  });

  it('is gone (410) once the retention has passed, or the appointment was cancelled, and after erasure', async () => {
    // A call received just over the retention ago: its details are due for erasure, not readable.
    const old = await bookedCase(
      { callReceivedAt: new Date(Date.now() - RETENTION_MS - 60_000).toISOString() },
      { practitionerNote: NOTE },
    );
    const expired = await at.owner.get(`/appointments/${old.appointmentId}/patient`).expect(410);
    expect(expired.body).toMatchObject({ reason: 'patient-data-erased' });
    expect(JSON.stringify(expired.body)).not.toMatch(/Testpatient|98 76|Douleur/);
    expect(await orientation.app.get(ContactErasureJob).eraseDue()).toBeGreaterThanOrEqual(1);
    const [raw] = await db.query(`SELECT patient_contact, practitioner_note FROM orientation.regulation_case WHERE id = $1`, [
      old.caseId,
    ]);
    expect(raw).toEqual({ patient_contact: null, practitioner_note: null });
    await at.owner.get(`/appointments/${old.appointmentId}/patient`).expect(410);
    expect(await reads(old.appointmentId)).toEqual([]);

    const cancelled = await bookedCase();
    await owner.practice.post(`/appointments/${cancelled.appointmentId}/cancel`).send({ by: 'patient' }).expect(200);
    const gone = await at.owner.get(`/appointments/${cancelled.appointmentId}/patient`).expect(410);
    expect(gone.body).toMatchObject({ reason: 'appointment-cancelled' });
  });
});
