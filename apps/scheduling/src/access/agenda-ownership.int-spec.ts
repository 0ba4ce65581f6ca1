import { DataSource } from 'typeorm';
import { useIsolatedEnvironment } from '../../../../test/support/isolated-environment';
import { RunningService, startService } from '../../../../test/support/running-service';
import { practitionerWithPlace, siret, slotBody } from '../../../../test/support/scheduling-fixtures';
import { adminToken, practiceToken } from '../../../../test/support/tokens';
import { AppModule } from '../app.module';

/** A SIRET with its Luhn key, from a 13-digit stem. */

/**
 * A write is authorised on what it resolves to: every practitioner, RPPS, structure and
 * place it names must be the caller's. Practice A holds its own identifiers in every
 * combination with practice B's, and each is refused with a 403 that stores nothing.
 */
describe('a practice writes only into its own agenda, whatever mix of identifiers it sends', () => {
  let scheduling: RunningService;
  let db: DataSource;
  let a: Awaited<ReturnType<typeof practitionerWithPlace>>;
  let b: Awaited<ReturnType<typeof practitionerWithPlace>>;
  let bStructure: { id: string; siret: string; placeId: string };

  beforeAll(async () => {
    await useIsolatedEnvironment('ownership');
    scheduling = await startService('scheduling', AppModule);
    db = scheduling.app.get(DataSource);
    a = await practitionerWithPlace(scheduling);
    b = await practitionerWithPlace(scheduling);
    const number = siret(4_420_000_000_000 + Math.floor(Math.random() * 1e8));
    const admin = scheduling.as(await adminToken());
    const structure = (await admin.post('/structures').send({ siret: number, kind: 'msp', name: 'MSP B' }).expect(201)).body
      .id as string;
    const asB = scheduling.as(await practiceToken({ rpps: [b.rpps], structures: [number] }));
    const place = (
      await asB
        .post('/places')
        .send({ structureId: structure, communeCode: '92044', latitude: 48.89, longitude: 2.29 })
        .expect(201)
    ).body.id as string;
    bStructure = { id: structure, siret: number, placeId: place };
  });

  afterAll(() => scheduling?.close());

  const stored = async () => {
    const [row] = await db.query(
      `SELECT (SELECT count(*) FROM scheduling.slot)::int AS slots, (SELECT count(*) FROM scheduling.opening_rule)::int AS rules,
              (SELECT count(*) FROM scheduling.place)::int AS places, (SELECT count(*) FROM scheduling.outbox)::int AS events`,
    );
    return row;
  };

  const mixes = () => {
    const base = slotBody(a, 3000);
    return {
      "B's practitioner with A's RPPS on B's place": {
        ...base,
        practitionerId: b.practitionerId,
        practitionerRpps: a.rpps,
        placeId: b.placeId,
      },
      "A's practitioner with B's structure on its place": {
        ...base,
        practitionerId: a.practitionerId,
        structureId: bStructure.id,
        placeId: bStructure.placeId,
      },
      "A's practitioner with B's structure on A's place": {
        ...base,
        practitionerId: a.practitionerId,
        structureId: bStructure.id,
        placeId: a.placeId,
      },
      "A's practitioner on B's place": { ...base, practitionerId: a.practitionerId, placeId: b.placeId },
      "B's RPPS on B's place": { ...base, practitionerId: undefined, practitionerRpps: b.rpps, placeId: b.placeId },
    };
  };

  it.each(['/slots', '/slots/batch', '/opening-rules'])(
    'refuses every mix of own and foreign parties on %s, storing nothing',
    async (path) => {
      const before = await stored();
      for (const [mix, slot] of Object.entries(mixes())) {
        // Opening rules name their practitioner by id only (an RPPS there is refused as unknown).
        if (path === '/opening-rules' && 'practitionerRpps' in slot) continue;
        const { start: _start, end: _end, ...owner } = slot;
        const body =
          path === '/slots'
            ? slot
            : path === '/slots/batch'
              ? { slots: [slotBody(a, 2000), slot] }
              : {
                  ...owner,
                  weekdays: [1],
                  periods: [{ start: '08:00', end: '09:00' }],
                  slotMinutes: 20,
                  validFrom: '2030-01-07',
                };
        const res = await a.practice.post(path).send(body);
        expect({ mix, status: res.status }).toEqual({ mix, status: 403 });
      }
      expect(await stored()).toEqual(before);
    },
  );

  it("refuses a place naming another practice's structure", async () => {
    const before = await stored();
    const asA = scheduling.as(await practiceToken({ rpps: [a.rpps] }));
    await asA.post('/places').send({ structureId: bStructure.id, communeCode: '92044' }).expect(403);
    expect(await stored()).toEqual(before);
  });

  it('refuses, as a 400 naming the field, an RPPS that contradicts the practitioner id', async () => {
    const asBoth = scheduling.as(await practiceToken({ rpps: [a.rpps, b.rpps] }));
    const res = await asBoth
      .post('/slots')
      .send({ ...slotBody(a, 3100), practitionerRpps: b.rpps })
      .expect(400);
    expect(res.body.errors).toContainEqual({
      field: 'practitionerRpps',
      reason: 'names another practitioner than practitionerId',
    });
  });

  it('still publishes what is wholly the caller’s: its practitioner, its structure, their places', async () => {
    await a.practice.post('/slots').send(slotBody(a, 3200)).expect(201);
    await a.practice
      .post('/slots')
      .send({ ...slotBody(a, 3300), practitionerId: undefined, practitionerRpps: a.rpps })
      .expect(201);
    const asStructure = scheduling.as(await practiceToken({ structures: [bStructure.siret] }));
    await asStructure
      .post('/slots')
      .send({ ...slotBody(a, 3400), practitionerId: undefined, structureId: bStructure.id, placeId: bStructure.placeId })
      .expect(201);
  });
});
