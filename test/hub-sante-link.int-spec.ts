import {
  AppointmentCancelled,
  AppointmentMoved,
  buildEnvelope,
  EventDefinition,
  PatientOriented,
  PayloadOf,
  toKafkaRecord,
} from '@sas/contracts';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, Producer } from 'kafkajs';
import { AppModule as OrientationModule } from '../apps/orientation/src/app.module';
import { Envelope, HubSanteDouble, hubSanteDouble } from './support/hub-sante-double';
import { useIsolatedEnvironment } from './support/isolated-environment';
import { eventually, RunningService, startService, waitUntilReady } from './support/running-service';
import { adminToken, regulatorToken } from './support/tokens';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startQpid } = require('../infra/qpid/broker');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { freePort } = require('../infra/lib/ports');

const PTF = 'fr.health.test.ptfsas';
const SAMU92 = 'fr.health.samu092';
const SAMU75 = 'fr.health.samu075';
const OFFSET_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/;

interface QpidHandle {
  url: string;
  stop(): Promise<void>;
  restart(): Promise<void>;
}

/** A Hub Santé double on a real AMQP broker (Qpid Broker-J), our own: the outage test stops it. */
describe('Hub Santé link (INT_L02): orientations to the SAMU regulation software over AMQP', () => {
  let dataDir: string;
  let broker: QpidHandle;
  let hub: HubSanteDouble;
  let orientation: RunningService;
  let producer: Producer;
  let prefix: string;
  let admin: string;

  const publish = async <D extends EventDefinition>(def: D, data: PayloadOf<D>, time = new Date()) => {
    const envelope = buildEnvelope(def, data, { source: 'test', time });
    const record = toKafkaRecord(envelope);
    await producer.send({
      topic: prefix + def.topic,
      messages: [{ key: record.key, value: record.value, headers: record.headers }],
    });
    return envelope;
  };
  const oriented = (territory: string, over: Partial<PayloadOf<typeof PatientOriented>> = {}) => {
    const caseId = randomUUID();
    const appointmentId = randomUUID();
    const start = new Date(Date.now() + 3 * 3600_000);
    start.setUTCSeconds(0, 0);
    const data: PayloadOf<typeof PatientOriented> = {
      caseId,
      territory,
      communeCode: territory === '75' ? '75056' : '92044',
      ageBand: '26-45',
      reasonCategory: 'fever',
      outcome: 'snp-consultation',
      reorientation: false,
      callReceivedAt: new Date(Date.now() - 600_000).toISOString(),
      orientedAt: new Date().toISOString(),
      appointment: { appointmentId, slotId: randomUUID(), start: start.toISOString() },
      practitionerRpps: '10000000009',
      ...over,
    };
    return data;
  };
  const ledger = async (query: Record<string, string>) =>
    (await orientation.http.get('/hub/messages').query(query).set('authorization', `Bearer ${admin}`).expect(200))
      .body as Envelope[];
  const messageOf = async (appointmentId: string, state?: string) =>
    eventually(
      async () => (await ledger(state ? { state } : {})).find((m) => m.appointmentId === appointmentId),
      20000,
      `ledger row of ${appointmentId} ${state ?? ''}`,
    );
  const readOne = (samu: string) => eventually(() => hub.read(samu), 20000, `a message on ${samu}.message`);

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sas-hub-'));
    broker = await startQpid({ dataDir, port: await freePort() });
    hub = hubSanteDouble(broker.url, PTF, [SAMU92, SAMU75]);
    await hub.start({ autoAck: false });
    ({ topicPrefix: prefix } = await useIsolatedEnvironment('hublink'));
    Object.assign(process.env, {
      HUB_SANTE_URL: broker.url,
      HUB_SANTE_CLIENT_ID: PTF,
      HUB_SANTE_SAMU: `92=${SAMU92},75=${SAMU75}`,
      HUB_SANTE_ACK_TIMEOUT_MS: '60000',
      HUB_SANTE_DISPATCH_INTERVAL_MS: '100',
    });
    producer = new Kafka({ brokers: process.env.KAFKA_BROKERS!.split(','), logLevel: 0 }).producer();
    await producer.connect();
    orientation = await startService('orientation', OrientationModule);
    await waitUntilReady(orientation);
    admin = await adminToken();
  }, 120000);

  afterAll(async () => {
    await orientation?.close();
    await producer?.disconnect();
    await hub?.stop();
    await broker?.stop();
    for (const name of [
      'HUB_SANTE_URL',
      'HUB_SANTE_CLIENT_ID',
      'HUB_SANTE_SAMU',
      'HUB_SANTE_ACK_TIMEOUT_MS',
      'HUB_SANTE_DISPATCH_INTERVAL_MS',
    ])
      delete process.env[name];
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("sends one message to the case's SAMU with the guide's envelope, RC-DE header and content; the LRM's final ack marks it acknowledged", async () => {
    // The supervisor's account API records the regulator's names and e-mail; the event names the account only.
    const account = (
      await orientation.http
        .post('/regulators')
        .set('authorization', `Bearer ${admin}`)
        .send({
          localId: `hub-${randomUUID().slice(0, 8)}`,
          role: 'snp-operator',
          territories: ['92'],
          familyName: 'RICART',
          givenName: 'Pauline',
          email: 'pauline.ricart@ghsas.fr',
        })
        .expect(201)
    ).body as { id: string; localId: string };
    const data = oriented('92', {
      practitioner: { familyName: 'MOREL', givenName: 'Didier', profession: 'general-practitioner', specialties: ['SM54'] },
      orientedBy: account.id,
    });
    const event = await publish(PatientOriented, data);
    const envelope = await readOne(SAMU92);

    const id = `${PTF}_${event.id}`;
    // EDXL-DE envelope, field by field (docs/hub-sante.md, table "EDXL-DE")
    expect(envelope.distributionID).toBe(id);
    expect(envelope.senderID).toBe(PTF);
    expect(envelope.dateTimeSent).toMatch(OFFSET_TIME);
    expect(envelope.dateTimeExpires).toMatch(OFFSET_TIME);
    expect(new Date(envelope.dateTimeExpires).getTime() - new Date(data.orientedAt).getTime()).toBeGreaterThan(23 * 3600_000);
    expect(envelope.distributionStatus).toBe('Actual');
    expect(envelope.distributionKind).toBe('Report');
    expect(envelope.descriptor).toEqual({
      language: 'fr-FR',
      explicitAddress: { explicitAddressScheme: 'hubex', explicitAddressValue: SAMU92 },
    });
    expect(envelope.content).toHaveLength(1);
    const message = envelope.content[0].jsonContent.embeddedJsonContent.message as Envelope;
    // RC-DE header
    expect(message.messageId).toBe(id);
    expect(message.sender).toEqual({ name: PTF, URI: `hubex:${PTF}` });
    expect(message.sentAt).toBe(envelope.dateTimeSent);
    expect(message.status).toBe('Actual');
    expect(message.kind).toBe('Report');
    expect(message.recipient).toEqual([{ name: SAMU92, URI: `hubex:${SAMU92}` }]);
    // content (the guide's "données transmises au LRM")
    const a = message.appointment as Envelope;
    expect(Object.keys(a).sort()).toEqual([
      'appointmentId',
      'created',
      'method',
      'orientationCategory',
      'practitioner',
      'regulator',
      'start',
      'status',
    ]);
    expect(a.appointmentId).toBe(data.appointment!.appointmentId);
    expect(a.method).toBe('CreateAppointment');
    expect(new Date(a.created).toISOString()).toBe(new Date(data.orientedAt).toISOString().replace(/\.\d+Z$/, '.000Z'));
    expect(a.created).toMatch(OFFSET_TIME);
    expect(new Date(a.start).toISOString()).toBe(data.appointment!.start);
    expect(a.start).toMatch(OFFSET_TIME);
    expect(a.status).toBe('booked');
    expect(a.orientationCategory).toBe('PS');
    // practitioner (guide IDs 8–15), field by field
    const p = a.practitioner as Envelope;
    expect(Object.keys(p).sort()).toEqual([
      'firstName',
      'lastName',
      'professionCode',
      'professionUrl',
      'rppsId',
      'specialityCode',
      'specialityUrl',
    ]);
    expect(p.rppsId).toBe('810000000009');
    expect(p.lastName).toBe('MOREL');
    expect(p.firstName).toBe('Didier');
    expect(p.specialityCode).toBe('SM54');
    expect(p.specialityUrl).toBe('https://mos.esante.gouv.fr/NOS/TRE_R38-SpecialiteOrdinale/FHIR/TRE-R38-SpecialiteOrdinale');
    expect(p.professionCode).toBe('10');
    expect(p.professionUrl).toBe('https://mos.esante.gouv.fr/NOS/TRE_G15-ProfessionSante/FHIR/TRE-G15-ProfessionSante');
    // regulator (guide IDs 19–23), field by field, from the account that oriented
    const r = a.regulator as Envelope;
    expect(Object.keys(r).sort()).toEqual(['regulatorEmail', 'regulatorFirstname', 'regulatorId', 'regulatorName']);
    expect(r.regulatorId).toBe(account.localId);
    expect(r.regulatorName).toBe('RICART');
    expect(r.regulatorFirstname).toBe('Pauline');
    expect(r.regulatorEmail).toBe('pauline.ricart@ghsas.fr');
    // no patient field anywhere (the only names are the practitioner's and the regulator's), and nothing for the other SAMU
    const people = /"(lastName|firstName|regulatorName|regulatorFirstname)":"[^"]*",?/g;
    expect(JSON.stringify(envelope).replace(people, '')).not.toMatch(/patient|name":"(?!fr\.health)|phone|nir|birth/i);
    expect(await hub.read(SAMU75)).toBeUndefined();

    expect((await messageOf(data.appointment!.appointmentId)).state).toBe('sent');
    hub.acknowledge(SAMU92, envelope);
    const row = await messageOf(data.appointment!.appointmentId, 'acknowledged');
    expect(row).toMatchObject({ distributionId: id, territory: '92', recipient: SAMU92, attempts: 1, reason: null });
    expect(await hub.read(SAMU92)).toBeUndefined();
  });

  it('a functional error of the LRM on our info queue marks the message in error with its reason', async () => {
    const data = oriented('75', { outcome: 'sos-medecins', practitionerRpps: undefined });
    await publish(PatientOriented, data);
    const envelope = await readOne(SAMU75);
    expect(envelope.content[0].jsonContent.embeddedJsonContent.message.appointment).toMatchObject({ orientationCategory: 'SOS' });
    hub.refuse(
      SAMU75,
      envelope,
      409,
      'CONFLICT',
      `L'identifiant du RDV à créer '${data.appointment!.appointmentId}' existe déjà`,
    );
    const row = await messageOf(data.appointment!.appointmentId, 'error');
    expect(row.reason).toBe(`409 CONFLICT: L'identifiant du RDV à créer '${data.appointment!.appointmentId}' existe déjà`);
  });

  it('a territory without a SAMU is recorded as unroutable with the reason, and nothing is sent', async () => {
    const data = oriented('93', { communeCode: '93066' });
    await publish(PatientOriented, data);
    const row = await messageOf(data.appointment!.appointmentId, 'unroutable');
    expect(row).toMatchObject({
      territory: '93',
      recipient: null,
      attempts: 0,
      reason: 'no SAMU configured for territory 93 (HUB_SANTE_SAMU)',
    });
    const supervisor = await regulatorToken(['92'], 'supervisor');
    const seen = await orientation.http
      .get('/hub/messages')
      .query({ territory: '93' })
      .set('authorization', `Bearer ${supervisor}`);
    expect(seen.status).toBe(403);
    const bad = await orientation.http
      .get('/hub/messages')
      .query({ state: 'lost' })
      .set('authorization', `Bearer ${admin}`)
      .expect(400);
    expect(JSON.stringify(bad.body)).toContain('state');
  });

  it('names at start the territories of active regulators that have no SAMU, and counts them in /metrics', async () => {
    await orientation.http
      .post('/regulators')
      .set('authorization', `Bearer ${admin}`)
      .send({ localId: `hub-93-${randomUUID()}`, role: 'call-taker', territories: ['93'] })
      .expect(201);
    await orientation.close();
    const lines: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
      lines.push(String(chunk));
      return (write as (c: string | Uint8Array, ...r: unknown[]) => boolean)(chunk, ...rest);
    });
    try {
      orientation = await startService('orientation', OrientationModule);
      await waitUntilReady(orientation);
    } finally {
      spy.mockRestore();
    }
    expect(lines.join('')).toContain('no SAMU configured (HUB_SANTE_SAMU) for territories 93');
    const metrics = (await orientation.http.get('/metrics').set('authorization', `Bearer ${admin}`).expect(200)).text;
    expect(metrics).toMatch(/^sas_hub_territories_without_samu 1$/m);
    expect(metrics).toMatch(/^sas_hub_messages\{state="acknowledged"\} 1$/m);
    expect(metrics).toMatch(/^sas_hub_messages\{state="error"\} 1$/m);
    expect(metrics).toMatch(/^sas_hub_messages\{state="unroutable"\} 1$/m);
    expect(metrics).toMatch(/^sas_hub_oldest_unacknowledged_seconds 0$/m);
  });

  it('an unreadable message on our info queue is dropped, and the link keeps reading', async () => {
    hub.sendRaw('info', 'not json');
    const data = oriented('92');
    await publish(PatientOriented, data);
    hub.acknowledge(SAMU92, await readOne(SAMU92));
    await messageOf(data.appointment!.appointmentId, 'acknowledged');
    const metrics = (await orientation.http.get('/metrics').set('authorization', `Bearer ${admin}`).expect(200)).text;
    expect(metrics).toMatch(/^sas_hub_feedback_total\{kind="unreadable"\} 1$/m);
  });

  it('a change read after its dateTimeExpires is marked expired, not sent', async () => {
    const data = oriented('92', { orientedAt: new Date(Date.now() - 25 * 3600_000).toISOString() });
    await publish(PatientOriented, data, new Date(Date.now() - 25 * 3600_000));
    const row = await messageOf(data.appointment!.appointmentId, 'expired');
    expect(row).toMatchObject({
      attempts: 0,
      sentAt: null,
      reason: 'past its dateTimeExpires before it could be sent: not sent',
    });
    expect(await hub.read(SAMU92)).toBeUndefined();
  });

  it('an update whose creation never comes (oriented before the link was on) waits, then expires unsent', async () => {
    const appointmentId = randomUUID();
    const ref = { appointmentId, slotId: randomUUID(), ownerId: randomUUID(), caseId: randomUUID(), communeCode: '92044' };
    await publish(AppointmentCancelled, {
      ...ref,
      cancelledAt: new Date().toISOString(),
      cancelledBy: 'patient',
      slotReleased: true,
    });
    const held = async () => (await ledger({ state: 'pending' })).find((m) => m.appointmentId === appointmentId && m.reason);
    expect((await eventually(held, 20000, 'the update held')).reason).toBe('waits for the creation of its appointment');
    await publish(
      AppointmentCancelled,
      { ...ref, cancelledAt: new Date().toISOString(), cancelledBy: 'practitioner', slotReleased: true },
      new Date(Date.now() - 25 * 3600_000),
    );
    const expired = await eventually(
      async () => (await ledger({ state: 'expired' })).filter((m) => m.appointmentId === appointmentId)[0],
      20000,
      'the old update expired',
    );
    expect(expired).toMatchObject({ sentAt: null, territory: null });
    expect(await hub.read(SAMU92)).toBeUndefined();
  });

  it('hub down for 30 s during orientations: every change delivered afterwards, in order per case, each under one distribution id', async () => {
    await hub.stop();
    await broker.stop();
    const cases = Array.from({ length: 5 }, () => oriented('92'));
    for (const data of cases) {
      await publish(PatientOriented, data);
      const ref = {
        appointmentId: data.appointment!.appointmentId,
        slotId: randomUUID(),
        ownerId: randomUUID(),
        caseId: data.caseId,
        communeCode: '92044',
      };
      const start = new Date(Date.parse(data.appointment!.start) + 3600_000);
      await publish(AppointmentMoved, {
        ...ref,
        previousSlotId: data.appointment!.slotId,
        previousOwnerId: ref.ownerId,
        start: start.toISOString(),
        end: new Date(start.getTime() + 20 * 60_000).toISOString(),
        mode: 'AMB',
        movedAt: new Date().toISOString(),
        previousSlotReleased: true,
      });
      await publish(AppointmentCancelled, {
        ...ref,
        cancelledAt: new Date().toISOString(),
        cancelledBy: 'patient',
        slotReleased: true,
      });
    }
    const ids = new Set(cases.map((c) => c.appointment!.appointmentId));
    await eventually(
      async () => ((await ledger({ state: 'pending' })).filter((m) => ids.has(m.appointmentId)).length === 15 ? true : undefined),
      20000,
      'the 15 changes waiting in the ledger',
    );
    await new Promise((resolve) => setTimeout(resolve, 30_000));
    await broker.restart();
    hub = hubSanteDouble(broker.url, PTF, [SAMU92, SAMU75]);
    await hub.start({ autoAck: true });

    const delivered = () =>
      (hub.received.get(SAMU92) ?? [])
        .map((e) => e.content[0].jsonContent.embeddedJsonContent.message.appointment)
        .filter((a) => ids.has(a.appointmentId));
    await eventually(
      async () =>
        new Set((await ledger({ state: 'acknowledged' })).filter((m) => ids.has(m.appointmentId)).map((m) => m.distributionId))
          .size === 15
          ? true
          : undefined,
      60000,
      'all 15 changes acknowledged',
    );
    for (const data of cases) {
      const ofCase = delivered().filter((a) => a.appointmentId === data.appointment!.appointmentId);
      expect(ofCase.map((a) => `${a.method}/${a.status}`)).toEqual([
        'CreateAppointment/booked',
        'UpdateAppointment/booked',
        'UpdateAppointment/cancelled',
      ]);
      expect(ofCase[2].start).toBe(ofCase[1].start);
    }
    const distributionIds = (hub.received.get(SAMU92) ?? [])
      .filter((e) => ids.has(e.content[0].jsonContent.embeddedJsonContent.message.appointment.appointmentId))
      .map((e) => e.distributionID);
    expect(new Set(distributionIds).size).toBe(15);
    expect(distributionIds).toHaveLength(15);
  }, 150000);
});
