/* eslint-disable @typescript-eslint/no-explicit-any -- the checks read JSON answers and rows */
import { DataSource } from 'typeorm';
import { AppModule as SchedulingModule } from '../../apps/scheduling/src/app.module';
import { useIsolatedEnvironment } from '../support/isolated-environment';
import { Caller, RunningService, startService, waitUntilReady } from '../support/running-service';
import { rpps } from '../support/scheduling-fixtures';
import { adminToken, regulatorToken, vendorToken } from '../support/tokens';
import { bundleFor } from './test-vendor-server';
import { AppointmentJson, guideAppointment, referenceOf } from './vendor-appointment-fixtures';

/**
 * INT_R03 against a real scheduling and PostgreSQL: vendors push their slots, a regulator
 * is handed over to the vendor's page, and the vendor reports the appointment in the
 * guide's own shapes. Events are read from the outbox, where they are written in the same
 * transaction as the change (the relay's delivery to Kafka is tested elsewhere).
 */
describe('vendor appointments (INT_R03): POST and conditional PUT /fhir/Appointment', () => {
  let sas: RunningService;
  let db: DataSource;
  let vendorA: Caller;
  let vendorB: Caller;
  let regulator: Caller;
  const stem = 4_000_000_000 + Math.floor(Math.random() * 1e8);
  const [rA, rB, rC, rUnknown] = [0, 1, 2, 3].map((i) => rpps(stem + i * 7));
  type SlotRow = { id: string; start_at: Date; end_at: Date; rpps: string; status: string };
  let slots: Record<string, SlotRow[]>;

  const events = async (): Promise<{ type: string; payload: any }[]> =>
    (await db.query(`SELECT headers->>'ce_type' AS type, payload FROM scheduling.outbox ORDER BY id`)).map((r: any) => ({
      type: r.type,
      payload: JSON.parse(r.payload),
    }));
  const appointmentEvents = async (appointmentId: string) =>
    (await events()).filter((e) => e.payload.appointmentId === appointmentId).map((e) => e.type.replace(/^fr\.sas\.|\.v1$/g, ''));
  const slotStatus = async (id: string) =>
    (await db.query(`SELECT status FROM scheduling.slot WHERE id = $1`, [id]))[0].status as string;
  const counts = async () =>
    (
      await db.query(
        `SELECT (SELECT count(*) FROM scheduling.outbox)::int AS events, (SELECT count(*) FROM scheduling.appointment)::int AS appointments, (SELECT count(*) FROM scheduling.vendor_appointment)::int AS reports`,
      )
    )[0];
  const post = (as: Caller, body: object) =>
    as.post('/fhir/Appointment').set('content-type', 'application/fhir+json').send(JSON.stringify(body));
  const put = (as: Caller, body: AppointmentJson, identifier = `${body.identifier[0].system}|${body.identifier[0].value}`) =>
    as.put('/fhir/Appointment').query({ identifier }).set('content-type', 'application/fhir+json').send(JSON.stringify(body));
  const shape = (
    slot: SlotRow,
    change: Partial<Parameters<typeof guideAppointment>[1]> = {},
    file: Parameters<typeof guideAppointment>[0] = 'Appointment-1',
  ) => guideAppointment(file, { rpps: slot.rpps, start: slot.start_at, end: slot.end_at, ...change });
  const handOver = async (slot: SlotRow) => {
    const res = await regulator.post('/appointments').send({ slotId: slot.id }).expect(202);
    return res.body.handOver as { url: string; reference: string; expiresAt: string; vendor: string };
  };

  beforeAll(async () => {
    await useIsolatedEnvironment('vendor_appointments');
    sas = await startService('scheduling', SchedulingModule);
    await waitUntilReady(sas);
    db = sas.app.get(DataSource);
    const admin = sas.as(await adminToken());
    await admin
      .put('/vendors/agenda-a')
      .send({ name: 'Agenda A', practitionerRpps: [rA, rB, rUnknown], structureIds: [] })
      .expect(200);
    await admin
      .put('/vendors/agenda-b')
      .send({ name: 'Agenda B', practitionerRpps: [rC], structureIds: [] })
      .expect(200);
    vendorA = sas.as(await vendorToken('agenda-a'));
    vendorB = sas.as(await vendorToken('agenda-b'));
    regulator = sas.as(await regulatorToken(['92'], 'snp-operator'));
    await vendorA
      .post('/fhir')
      .send(bundleFor([rA, rB], new Set(), false, 5))
      .expect(200);
    await vendorB
      .post('/fhir')
      .send(bundleFor([rC], new Set(), false, 2))
      .expect(200);
    const rows: SlotRow[] = await db.query(
      `SELECT s.id, s.start_at, s.end_at, s.status, pr.rpps FROM scheduling.slot s JOIN scheduling.practitioner pr ON pr.id = s.practitioner_id ORDER BY s.start_at`,
    );
    slots = {
      [rA]: rows.filter((r) => r.rpps === rA),
      [rB]: rows.filter((r) => r.rpps === rB),
      [rC]: rows.filter((r) => r.rpps === rC),
    };
    expect(slots[rA]).toHaveLength(5);
  }, 120_000);

  afterAll(async () => {
    await sas?.close();
  });

  it('hands a regulator over to the vendor page instead of booking: origin=sas and an opaque reference, the slot still free', async () => {
    const before = await counts();
    const slot = slots[rA][0];
    const given = await handOver(slot);
    const url = new URL(given.url);
    expect(`${url.origin}${url.pathname}`).toBe(`https://vendor.example/rdv/${rA}`);
    expect(url.searchParams.get('origin')).toBe('sas');
    expect(referenceOf(given.url)).toBe(given.reference);
    expect(given.reference).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(Date.parse(given.expiresAt)).toBeGreaterThan(Date.now());
    expect(await slotStatus(slot.id)).toBe('free');
    expect(await counts()).toEqual(before);
    // Two hand-overs of the same slot are two references: the vendor's agenda decides who gets it.
    expect((await handOver(slot)).reference).not.toBe(given.reference);
  });

  it("takes the guide's Appointment-1 with the reference: 201 with Location, booked once, the slot out of search; Appointment-2 by PUT cancels it", async () => {
    const slot = slots[rA][1];
    const { reference } = await handOver(slot);
    const booked = shape(slot, { reference });
    const created = await post(vendorA, booked).expect(201);
    expect(created.headers['content-type']).toContain('application/fhir+json');
    const appointmentId = created.body.id as string;
    expect(created.headers.location).toMatch(new RegExp(`/fhir/Appointment/${appointmentId}$`));
    expect(await slotStatus(slot.id)).toBe('booked');
    const [event] = (await events()).filter(
      (e) => e.type === 'fr.sas.appointment-booked.v1' && e.payload.appointmentId === appointmentId,
    );
    expect(event.payload).toMatchObject({
      slotId: slot.id,
      vendor: { id: 'agenda-a', bookingReference: reference },
      start: slot.start_at.toISOString(),
    });
    expect(
      (await events()).some(
        (e) => e.type === 'fr.sas.slot-withdrawn.v1' && e.payload.slotId === slot.id && e.payload.reason === 'booked',
      ),
    ).toBe(true);

    // The same POST again (a vendor's retry): same appointment, nothing new.
    const before = await counts();
    const again = await post(vendorA, booked).expect(200);
    expect(again.body.id).toBe(appointmentId);
    expect(await counts()).toEqual(before);

    const cancelled = guideAppointment('Appointment-2', {
      identifier: booked.identifier[0].value,
      rpps: rA,
      start: slot.start_at,
      end: slot.end_at,
      reference,
    });
    const updated = await put(vendorA, cancelled).expect(200);
    expect(updated.headers.location).toMatch(new RegExp(`/fhir/Appointment/${appointmentId}$`));
    expect(await appointmentEvents(appointmentId)).toEqual(['appointment-booked', 'appointment-cancelled']);
    expect(await slotStatus(slot.id)).toBe('free');
  });

  it('takes an appointment without reference as a SAS appointment without case, on the vendor slot at that time', async () => {
    const slot = slots[rB][0];
    const created = await post(vendorA, shape(slot)).expect(201);
    const [event] = (await events()).filter(
      (e) => e.type === 'fr.sas.appointment-booked.v1' && e.payload.appointmentId === created.body.id,
    );
    expect(event.payload.caseId).toBeUndefined();
    expect(event.payload).toMatchObject({ slotId: slot.id, vendor: { id: 'agenda-a' } });
    expect(event.payload.vendor.bookingReference).toBeUndefined();
  });

  it('follows a booking to fulfilled, and a late older cancellation does not undo it', async () => {
    const slot = slots[rA][2];
    const t = Date.now();
    const booked = shape(slot, { lastUpdated: new Date(t - 60_000) });
    const id = (await post(vendorA, booked).expect(201)).body.id;
    await put(vendorA, {
      ...booked,
      status: 'fulfilled',
      meta: { ...booked.meta, lastUpdated: new Date(t).toISOString() },
    }).expect(200);
    const before = await counts();
    const late = await put(vendorA, {
      ...booked,
      status: 'cancelled',
      meta: { ...booked.meta, lastUpdated: new Date(t - 30_000).toISOString() },
    }).expect(200);
    expect(late.body.id).toBe(id);
    expect(await counts()).toEqual(before);
    expect(await appointmentEvents(id)).toEqual(['appointment-booked', 'appointment-honoured']);
    expect((await db.query(`SELECT status FROM scheduling.appointment WHERE id = $1`, [id]))[0].status).toBe('honoured');
  });

  it('moves a booking to the vendor slot at its new time: the old slot is offered again', async () => {
    const [from, to] = [slots[rB][1], slots[rB][2]];
    const booked = shape(from);
    const id = (await post(vendorA, booked).expect(201)).body.id;
    await put(vendorA, { ...booked, start: to.start_at.toISOString(), end: to.end_at.toISOString() }).expect(200);
    expect(await appointmentEvents(id)).toEqual(['appointment-booked', 'appointment-moved']);
    expect([await slotStatus(from.id), await slotStatus(to.id)]).toEqual(['free', 'booked']);
    await put(vendorA, { ...booked, status: 'noshow', start: to.start_at.toISOString(), end: to.end_at.toISOString() }).expect(
      200,
    );
    expect(await appointmentEvents(id)).toEqual(['appointment-booked', 'appointment-moved', 'appointment-no-show']);
  });

  describe('refusals: the status, an OperationOutcome naming the element, nothing stored, no event', () => {
    const cases: [
      string,
      number,
      string,
      () => Promise<{ as: Caller; body: AppointmentJson; method?: 'put'; identifier?: string }>,
    ][] = [
      [
        'no identifier',
        400,
        'Appointment.identifier',
        async () => ({ as: vendorA, body: { ...shape(slots[rA][3]), identifier: [] } }),
      ],
      [
        'an end before the start',
        400,
        'Appointment.end',
        async () => ({
          as: vendorA,
          body: { ...shape(slots[rA][3]), end: slots[rA][3].start_at.toISOString().replace('Z', '+02:00') },
        }),
      ],
      [
        'an unknown status code',
        400,
        'Appointment.status',
        async () => ({ as: vendorA, body: { ...shape(slots[rA][3]), status: 'done' } }),
      ],
      [
        'no regulator (appointmentOperator)',
        400,
        'Appointment.extension:appointmentOperator',
        async () => ({ as: vendorA, body: { ...shape(slots[rA][3]), extension: [] } }),
      ],
      [
        'a practitioner identifier that is not IDNPS',
        400,
        'Appointment.participant[0].actor.identifier.value',
        async () => {
          const body = shape(slots[rA][3]);
          body.participant[0].actor.identifier.value = '12345';
          return { as: vendorA, body };
        },
      ],
      [
        'a condition that is not the resource identifier',
        400,
        'identifier',
        async () => ({ as: vendorA, body: shape(slots[rA][3]), method: 'put', identifier: 'urn:oid:1.1.111.1.11.1.1.1|another' }),
      ],
      [
        'a practitioner the vendor is not registered for',
        403,
        'Appointment.participant[0].actor.identifier.value',
        async () => ({ as: vendorA, body: shape(slots[rC][0]) }),
      ],
      [
        'a practitioner the SAS does not know',
        422,
        'Appointment.participant[0].actor.identifier.value',
        async () => ({ as: vendorA, body: shape(slots[rA][3], { rpps: rUnknown }) }),
      ],
      [
        "a reference given for another vendor's slot",
        422,
        'Appointment.basedOn[0].identifier.value',
        async () => ({ as: vendorA, body: shape(slots[rA][3], { reference: (await handOver(slots[rC][0])).reference }) }),
      ],
      [
        'an unknown reference',
        422,
        'Appointment.basedOn[0].identifier.value',
        async () => ({ as: vendorA, body: shape(slots[rA][3], { reference: 'x'.repeat(32) }) }),
      ],
      [
        'a status the SAS has never seen booked',
        422,
        'Appointment.status',
        async () => ({ as: vendorA, body: { ...shape(slots[rA][3]), status: 'fulfilled' } }),
      ],
      [
        'a status the SAS does not follow',
        422,
        'Appointment.status',
        async () => ({ as: vendorA, body: { ...shape(slots[rA][3]), status: 'waitlist' } }),
      ],
      [
        'no vendor slot at that time',
        422,
        'Appointment.start',
        async () => ({
          as: vendorA,
          body: shape(slots[rA][3], { start: new Date(slots[rA][3].start_at.getTime() + 60_000), end: slots[rA][3].end_at }),
        }),
      ],
      [
        'an ended appointment changing status',
        422,
        'Appointment.status',
        async () => {
          const booked = shape(slots[rA][4]);
          await post(vendorA, booked).expect(201);
          await put(vendorA, { ...booked, status: 'cancelled' }).expect(200);
          return { as: vendorA, body: { ...booked, status: 'fulfilled' }, method: 'put' };
        },
      ],
    ];

    it.each(cases)('%s → %d naming %s', async (_, status, element, make) => {
      const { as, body, method, identifier } = await make();
      const before = await counts();
      const freeBefore = await slotStatus(slots[rA][3].id);
      const res = await (method === 'put' ? put(as, body, identifier) : post(as, body)).expect(status);
      expect(res.headers['content-type']).toContain('application/fhir+json');
      const outcome = JSON.parse(res.text);
      expect(outcome.resourceType).toBe('OperationOutcome');
      expect(outcome.issue.flatMap((i: any) => i.expression ?? [])).toContain(element);
      expect(await counts()).toEqual(before);
      expect(await slotStatus(slots[rA][3].id)).toBe(freeBefore);
    });
  });
});
