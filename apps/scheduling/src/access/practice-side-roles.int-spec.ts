import { useIsolatedEnvironment } from '../../../../test/support/isolated-environment';
import { Caller, RunningService, startService } from '../../../../test/support/running-service';
import { practitionerWithPlace, siret, slotBody } from '../../../../test/support/scheduling-fixtures';
import { adminToken, regulatorToken, tokenFor } from '../../../../test/support/tokens';
import { AppModule } from '../app.module';

/** A SIRET with its Luhn key, from a 13-digit stem. */

type Owner = Awaited<ReturnType<typeof practitionerWithPlace>>;
const ids = (page: { items: { id: string }[] }) => page.items.map((i) => i.id).sort();

/**
 * A shared secretariat acts for the practitioners its token names exactly as their practice
 * would (publish, read the agenda, report outcomes), and for no one else; a CPTS coordinator
 * reads its members' agendas and figures, and nothing else.
 */
describe('secretariats and CPTS coordinators', () => {
  let scheduling: RunningService;
  let regulator: Caller;
  let admin: Caller;
  let a: Owner, b: Owner, c: Owner;
  let secretariat: Caller;
  let structure: { id: string; siret: string; placeId: string };
  const slotOf: Record<string, string> = {};

  beforeAll(async () => {
    await useIsolatedEnvironment('practice_side');
    scheduling = await startService('scheduling', AppModule);
    regulator = scheduling.as(await regulatorToken(['92'], 'snp-operator', 'side-regulator'));
    admin = scheduling.as(await adminToken());
    [a, b, c] = [
      await practitionerWithPlace(scheduling),
      await practitionerWithPlace(scheduling),
      await practitionerWithPlace(scheduling),
    ];
    secretariat = scheduling.as(
      await tokenFor({ role: 'secretariat', subject: 'secretariat-rueil', practitionerRpps: [a.rpps, b.rpps] }),
    );
    const number = siret(4_420_000_000_000 + Math.floor(Math.random() * 1e8));
    const structureId = (await admin.post('/structures').send({ siret: number, kind: 'msp', name: 'MSP du Parc' }).expect(201))
      .body.id as string;
    const asStructure = scheduling.as(await tokenFor({ role: 'practice', structureIds: [number] }));
    const placeId = (await asStructure.post('/places').send({ structureId, communeCode: '92044' }).expect(201)).body.id as string;
    structure = { id: structureId, siret: number, placeId };
    slotOf.structure = (
      await asStructure
        .post('/slots')
        .send({ ...slotBody(a, 400), practitionerId: undefined, structureId, placeId })
        .expect(201)
    ).body.id;
    slotOf.c = (await c.practice.post('/slots').send(slotBody(c, 60)).expect(201)).body.id;
  });

  afterAll(() => scheduling?.close());

  describe('a secretariat', () => {
    it('publishes for each of its two practitioners, and not for a third (403 naming why, nothing stored)', async () => {
      slotOf.a = (await secretariat.post('/slots').send(slotBody(a, 60)).expect(201)).body.id;
      slotOf.b = (await secretariat.post('/slots').send(slotBody(b, 60)).expect(201)).body.id;
      const refused = await secretariat.post('/slots').send(slotBody(c, 120)).expect(403);
      expect(refused.body.message).toMatch(/the secretariat's token does not name it \(it acts for \d{11}, \d{11}\)/);
      expect((await c.practice.get('/slots').expect(200)).body.total).toBe(1);
      await secretariat.delete(`/slots/${slotOf.c}`).expect(403);
    });

    it('sees both practitioners’ agendas and not the third’s', async () => {
      expect(ids((await secretariat.get('/slots').expect(200)).body)).toEqual([slotOf.a, slotOf.b].sort());
      expect((await secretariat.get(`/slots?practitionerId=${b.practitionerId}`).expect(200)).body.items).toHaveLength(1);
      const refused = await secretariat.get(`/appointments?practitionerId=${c.practitionerId}`).expect(403);
      expect(refused.body.message).toBe(`practitionerId: this secretariat does not act for practitioner ${c.practitionerId}`);
      await secretariat.get(`/slots/${slotOf.c}`).expect(403);
    });

    it('reports the outcome of its practitioners’ appointments, not of the third’s', async () => {
      const ofA = (await regulator.post('/appointments').send({ slotId: slotOf.a }).expect(201)).body.id;
      const ofC = (await regulator.post('/appointments').send({ slotId: slotOf.c }).expect(201)).body.id;
      expect((await secretariat.get('/appointments').expect(200)).body.items.map((i: { id: string }) => i.id)).toEqual([ofA]);
      await secretariat.post(`/appointments/${ofC}/no-show`).expect(403);
      await secretariat.post(`/appointments/${ofA}/honoured`).expect(200);
      expect((await secretariat.get('/appointments?status=honoured').expect(200)).body.total).toBe(1);
    });
  });

  describe('a CPTS coordinator', () => {
    let coordinator: Caller;

    beforeAll(async () => {
      await admin
        .put('/cpts/cpts-levallois')
        .send({
          name: 'CPTS Levallois',
          practitionerRpps: [a.rpps],
          structureIds: [structure.siret],
          communes: ['92044', '75117'],
        })
        .expect(200);
      coordinator = scheduling.as(await tokenFor({ role: 'cpts-coordinator', subject: 'coord-1', cptsId: 'cpts-levallois' }));
    });

    it('is registered by an admin with its members and perimeter; bad input names the field', async () => {
      const res = await coordinator.get('/cpts/cpts-levallois').expect(200);
      expect(res.body).toMatchObject({ name: 'CPTS Levallois', practitionerRpps: [a.rpps], communes: ['92044', '75117'] });
      const bad = await admin
        .put('/cpts/cpts-x')
        .send({ name: 'X', practitionerRpps: ['123'], structureIds: [], communes: ['99999'] })
        .expect(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['communes', 'practitionerRpps']);
      const audit = await admin.get('/audit?action=cpts-registered').expect(200);
      expect(audit.body).toEqual([
        expect.objectContaining({ actor: { role: 'admin', id: 'admin-1' }, target: { type: 'cpts', id: 'cpts-levallois' } }),
      ]);
      await coordinator.get('/cpts/cpts-other').expect(403);
      await coordinator
        .put('/cpts/cpts-levallois')
        .send({ name: 'Mine', practitionerRpps: [], structureIds: [], communes: [] })
        .expect(403);
    });

    it('sees its members’ agendas only: the member practitioner and the member structure', async () => {
      expect(ids((await coordinator.get('/slots').expect(200)).body)).toEqual([slotOf.a, slotOf.structure].sort());
      expect((await coordinator.get('/appointments').expect(200)).body.items.map((i: { slotId: string }) => i.slotId)).toEqual([
        slotOf.a,
      ]);
      const refused = await coordinator.get(`/slots?practitionerId=${b.practitionerId}`).expect(200);
      // A member structure is in scope: the filter narrows within it (b has no slot there).
      expect(refused.body.total).toBe(0);
      await coordinator.get(`/slots?placeId=${c.placeId}`).expect(403);
      await coordinator.get(`/slots/${slotOf.structure}`).expect(200);
      const foreign = await coordinator.get(`/slots/${slotOf.c}`).expect(403);
      expect(foreign.body.message).toBe(`slot ${slotOf.c} belongs to no member of CPTS cpts-levallois`);
      const feed = (await coordinator.post('/agenda/feeds').send({ view: 'slots' }).expect(201)).body.path as string;
      expect((await scheduling.http.get(feed).expect(200)).text.match(/BEGIN:VEVENT/g)).toHaveLength(2);
    });

    it('may not write: publishing or reporting is a practice’s', async () => {
      await coordinator.post('/slots').send(slotBody(a, 700)).expect(403);
      const [appointment] = (await coordinator.get('/appointments').expect(200)).body.items;
      await coordinator.post(`/appointments/${appointment.id}/no-show`).expect(403);
      await coordinator.get(`/appointments/${appointment.id}`).expect(200);
    });

    it('reads its members’ figures over a period', async () => {
      const from = encodeURIComponent(new Date(Date.now() - 3600_000).toISOString());
      const to = encodeURIComponent(new Date(Date.now() + 86_400_000).toISOString());
      const res = await coordinator.get(`/cpts/cpts-levallois/figures?from=${from}&to=${to}`).expect(200);
      // Sorted by identifier: the RPPS (1…) before the SIRET (44…); b and c are not members.
      expect(res.body.members).toEqual([
        expect.objectContaining({ kind: 'practitioner', identifier: a.rpps, publishedSlots: 1, bookedBySas: 1, honoured: 1 }),
        expect.objectContaining({ kind: 'structure', identifier: structure.siret, publishedSlots: 1, free: 1, bookedBySas: 0 }),
      ]);
    });

    it('is refused without its CPTS in the token, or with a CPTS never registered', async () => {
      await scheduling
        .as(await tokenFor({ role: 'cpts-coordinator', subject: 'coord-2' }))
        .get('/slots')
        .expect(401);
      const unknown = await scheduling
        .as(await tokenFor({ role: 'cpts-coordinator', subject: 'coord-3', cptsId: 'cpts-nowhere' }))
        .get('/slots')
        .expect(403);
      expect(unknown.body.message).toMatch(/CPTS cpts-nowhere .* is not registered/);
    });
  });
});
