/* eslint-disable @typescript-eslint/no-explicit-any -- the checks read JSON answers */
import { fromKafkaRecord, Topics } from '@sas/contracts';
import { startAllServices, Service } from '../support/all-services';
import { useIsolatedEnvironment } from '../support/isolated-environment';
import { Caller, eventually, RunningService } from '../support/running-service';
import { rpps } from '../support/scheduling-fixtures';
import { TopicReader } from '../support/topic-reader';
import { adminToken, biToken, regulatorToken, vendorToken } from '../support/tokens';
import { bundleFor } from './test-vendor-server';
import { guideAppointment, referenceOf } from './vendor-appointment-fixtures';

/**
 * Booking a vendor-hosted slot, end to end through the four services: the regulator is
 * handed over to the vendor's page, the vendor reports the booking (the guide's
 * Appointment-1 shape, with the SAS reference), the case is oriented, the slot leaves
 * search, the vendor's `fulfilled` completes the case and the indicators count it once.
 * The hand-over time-out is 3 s here (20 min by default).
 */
const SPECIALITY_SYSTEM = 'https://mos.esante.gouv.fr/NOS/TRE_R38-SpecialiteOrdinale/FHIR/TRE-R38-SpecialiteOrdinale';

/** The test vendor's slots, in general practice (SM54) as the regulators' default search asks. */
function generalPractice(bundle: any): object {
  for (const { resource } of bundle.entry)
    if (resource.resourceType === 'Slot') resource.specialty = [{ coding: [{ system: SPECIALITY_SYSTEM, code: 'SM54' }] }];
  return bundle;
}

describe('hand-over to an agenda vendor and its appointment feedback, across the services', () => {
  let services: Record<Service, RunningService>;
  let reader: TopicReader;
  let vendor: Caller;
  const staff: Record<string, Caller> = {};
  const practitioner = rpps(5_000_000_000 + Math.floor(Math.random() * 1e8));
  let slots: { slotId: string; start: string; end: string }[] = [];

  const fhir = (method: 'post' | 'put', body: any) =>
    (method === 'post'
      ? vendor.post('/fhir/Appointment')
      : vendor.put('/fhir/Appointment').query({ identifier: `${body.identifier[0].system}|${body.identifier[0].value}` })
    )
      .set('content-type', 'application/fhir+json')
      .send(JSON.stringify(body));
  const caseOf = async (id: string) => (await staff.supervisor.get(`/cases/${id}`).expect(200)).body;
  const stateIs = (id: string, state: string) =>
    eventually(async () => ((await caseOf(id)).state === state ? caseOf(id) : undefined), 20_000, `case ${state}`);
  const inSearch = async (slotId: string) => {
    const res = await services.matching
      .as(await regulatorToken(['92'], 'snp-operator'))
      .get('/search')
      .query({ commune: '92044', limit: 100 })
      .expect(200);
    return res.body.results.some((r: { slotId: string }) => r.slotId === slotId);
  };
  const assessedCase = async () => {
    const kase = (
      await staff['call-taker']
        .post('/cases')
        .send({
          territory: '92',
          channel: '15',
          communeCode: '92044',
          ageBand: '26-45',
          reasonCategory: 'fever',
          hasTreatingDoctor: false,
        })
        .expect(201)
    ).body;
    await staff['call-taker'].post(`/cases/${kase.id}/triage`).send({ lifeThreatening: false }).expect(200);
    await staff['gp-regulator']
      .post(`/cases/${kase.id}/assessment`)
      .send({ consultationNeeded: true, urgency: 'within-48h', mode: 'AMB' })
      .expect(200);
    return kase.id as string;
  };
  const orientedEvents = (caseId: string) =>
    reader.messages
      .filter((m) => String(m.message.key) === caseId && m.headers.ce_type === 'fr.sas.patient-oriented.v1')
      .map((m) => fromKafkaRecord(m.message).data as any);
  const indicators = async () => {
    const day = (offset: number) => new Date(Date.now() + offset * 86400_000).toISOString().slice(0, 10);
    const res = await services.indicators
      .as(await biToken())
      .get('/indicators')
      .query({ territory: '92', from: day(-1), to: day(1) })
      .expect(200);
    const sum = (name: string) => res.body.rows.reduce((total: number, row: any) => total + Number(row[name] ?? 0), 0);
    return {
      booked: sum('snp_consultations_booked'),
      honoured: sum('snp_consultations_honoured'),
      cancelled: sum('snp_consultations_cancelled'),
    };
  };

  beforeAll(async () => {
    const { topicPrefix } = await useIsolatedEnvironment('vendor_hand_over');
    process.env.VENDOR_HAND_OVER_TIMEOUT_MS = '3000';
    process.env.VENDOR_HAND_OVER_CHECK_INTERVAL_MS = '300';
    reader = await TopicReader.open([topicPrefix + Topics.cases]);
    services = await startAllServices();
    await services.scheduling
      .as(await adminToken())
      .put('/vendors/agenda-e2e')
      .send({ name: 'Agenda E2E', practitionerRpps: [practitioner], structureIds: [] })
      .expect(200);
    vendor = services.scheduling.as(await vendorToken('agenda-e2e'));
    await vendor
      .post('/fhir')
      .send(generalPractice(bundleFor([practitioner], new Set(), false, 3)))
      .expect(200);
    for (const role of ['call-taker', 'gp-regulator', 'snp-operator', 'supervisor'] as const)
      staff[role] = services.orientation.as(await regulatorToken(['92'], role, `hand-over-${role}`));
    slots = await eventually(
      async () => {
        const res = await services.matching
          .as(await regulatorToken(['92'], 'snp-operator'))
          .get('/search')
          .query({ commune: '92044', limit: 100 })
          .expect(200);
        return res.body.results.length === 3 ? res.body.results : undefined;
      },
      30_000,
      "the vendor's slots in search",
    );
  }, 180_000);

  afterAll(async () => {
    await Promise.all(Object.values(services ?? {}).map((s) => s.close()));
    await reader?.close();
    for (const name of ['VENDOR_HAND_OVER_TIMEOUT_MS', 'VENDOR_HAND_OVER_CHECK_INTERVAL_MS', 'SCHEDULING_URL', 'MATCHING_URL'])
      delete process.env[name];
  });

  it('orients to a vendor slot through the vendor: hand-over, Appointment-1 with the reference, oriented, out of search, fulfilled completes, counted once', async () => {
    const slot = slots[0];
    const caseId = await assessedCase();
    const search = await staff['snp-operator'].post(`/cases/${caseId}/search`).send({}).expect(200);
    expect(search.body.results.map((r: any) => r.slotId)).toContain(slot.slotId);

    const handedOver = (
      await staff['snp-operator']
        .post(`/cases/${caseId}/orientation`)
        .send({ outcome: 'snp-consultation', slotId: slot.slotId })
        .expect(200)
    ).body;
    expect(handedOver).toMatchObject({
      state: 'awaiting-vendor-confirmation',
      appointmentId: null,
      appointmentSlotId: slot.slotId,
      allowedActions: ['search', 'orientation'],
    });
    const url = new URL(handedOver.handOverUrl);
    expect(url.searchParams.get('origin')).toBe('sas');
    expect(handedOver.handOverUrl).not.toContain(caseId);
    expect(await inSearch(slot.slotId)).toBe(true); // nothing is booked until the vendor says so

    const booked = guideAppointment('Appointment-1', {
      rpps: practitioner,
      start: new Date(slot.start),
      end: new Date(slot.end),
      reference: referenceOf(handedOver.handOverUrl),
    });
    const created = await fhir('post', booked).expect(201);
    const oriented = await stateIs(caseId, 'oriented');
    expect(oriented).toMatchObject({
      outcome: 'snp-consultation',
      appointmentId: created.body.id,
      appointmentSlotId: slot.slotId,
    });
    await eventually(async () => ((await inSearch(slot.slotId)) ? undefined : true), 10_000, 'the booked slot gone from search');
    const [event] = await eventually(
      async () => (orientedEvents(caseId).length ? orientedEvents(caseId) : undefined),
      10_000,
      'patient-oriented',
    );
    expect(event).toMatchObject({
      outcome: 'snp-consultation',
      reorientation: false,
      orientedAt: booked.created,
      appointment: { appointmentId: created.body.id, slotId: slot.slotId },
    });

    await fhir('put', { ...booked, status: 'fulfilled' }).expect(200);
    await stateIs(caseId, 'completed');
    await eventually(
      async () => ((await indicators()).honoured === 1 ? true : undefined),
      20_000,
      'one SNP consultation honoured',
    );

    // The vendor sends the same booking again: one appointment, counted once.
    const again = await fhir('post', booked).expect(200);
    expect(again.body.id).toBe(created.body.id);
    await new Promise((r) => setTimeout(r, 2000));
    expect(await indicators()).toMatchObject({ booked: 1, honoured: 1 });
    expect(orientedEvents(caseId)).toHaveLength(1);
  });

  it('returns an unconfirmed hand-over to the regulator after the time-out; a late confirmation still attaches', async () => {
    const slot = slots[1];
    const caseId = await assessedCase();
    const handedOver = (
      await staff['snp-operator']
        .post(`/cases/${caseId}/orientation`)
        .send({ outcome: 'snp-consultation', slotId: slot.slotId })
        .expect(200)
    ).body;
    expect(handedOver.state).toBe('awaiting-vendor-confirmation');
    const returned = await stateIs(caseId, 'reorientation-needed');
    expect(returned.allowedActions).toContain('orientation');
    expect(Date.now() - Date.parse(handedOver.updatedAt)).toBeGreaterThanOrEqual(3000);

    const late = guideAppointment('Appointment-1', {
      rpps: practitioner,
      start: new Date(slot.start),
      end: new Date(slot.end),
      reference: referenceOf(handedOver.handOverUrl),
    });
    const created = await fhir('post', late).expect(201);
    const oriented = await stateIs(caseId, 'oriented');
    expect(oriented).toMatchObject({ appointmentId: created.body.id, appointmentSlotId: slot.slotId });
    const steps = (await caseOf(caseId)).steps.map((s: any) => s.step);
    expect(steps).toEqual(expect.arrayContaining(['vendor-hand-over', 'vendor-hand-over-timed-out', 'vendor-confirmation']));
  });
});
