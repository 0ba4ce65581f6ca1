import { InvalidInput } from '@sas/platform';
import { DataSource } from 'typeorm';
import { useIsolatedEnvironment } from '../../../../test/support/isolated-environment';
import { RunningService, startService } from '../../../../test/support/running-service';
import { rpps } from '../../../../test/support/scheduling-fixtures';
import { AppModule } from '../app.module';
import { VendorSlot } from './vendor-bundle';
import { contextKey, loadContexts } from './vendor-contexts';

describe("a vendor feed's practitioners and places, read and written per answer (PostgreSQL)", () => {
  let scheduling: RunningService;
  let db: DataSource;
  const [first, second] = [rpps(7_100_000_001), rpps(7_100_000_002)];

  beforeAll(async () => {
    await useIsolatedEnvironment('vendor_contexts');
    scheduling = await startService('scheduling', AppModule);
    db = scheduling.app.get(DataSource);
  });

  afterAll(() => scheduling?.close());

  const slot = (
    who: { rpps?: string; siret?: string },
    placeKey: string,
    extra: Partial<VendorSlot['place']> = {},
  ): VendorSlot => ({
    externalId: `${who.rpps ?? who.siret}-${placeKey}-${Math.random()}`,
    status: 'free',
    start: new Date(Date.now() + 3600_000),
    end: new Date(Date.now() + 4800_000),
    visibility: ['SNP'],
    modes: ['AMB'],
    appointmentType: 'ROUTINE',
    specialties: who.rpps === first ? ['SM54'] : ['SM26'],
    reasons: [],
    cpts: [],
    specialtyTexts: {},
    ...(who.rpps ? { practitioner: { rpps: who.rpps, familyName: 'Martin' } } : { structure: { siret: who.siret! } }),
    place: { key: placeKey, postalCode: '92300', city: 'Levallois-Perret', latitude: 48.89, longitude: 2.29, ...extra },
  });
  const count = async () =>
    (
      await db.query(
        `SELECT (SELECT count(*) FROM scheduling.practitioner)::int AS practitioners,
                (SELECT count(*) FROM scheduling.place WHERE vendor = 'v1')::int AS places`,
      )
    )[0];

  it('registers new practitioners and places once, as their first slot describes them, and finds them again', async () => {
    const feed = [
      slot({ rpps: first }, 'schedule-a'),
      slot({ rpps: first }, 'schedule-a'),
      slot({ rpps: first }, 'schedule-b'),
      slot({ rpps: second }, 'schedule-a'),
    ];
    const contexts = await db.transaction((tx) => loadContexts(tx, 'v1', feed));
    expect(contexts.size).toBe(3);
    expect(await count()).toEqual({ practitioners: 2, places: 3 });
    const a = contexts.get(contextKey(feed[0]))!;
    expect(a.practitioner).toMatchObject({ rpps: first, profession: 'general-practitioner', familyName: 'Martin' });
    expect(contexts.get(contextKey(feed[3]))!.practitioner).toMatchObject({ rpps: second, profession: 'practitioner' });
    // Same vendor key, other owner: another place.
    expect(contexts.get(contextKey(feed[3]))!.place.id).not.toBe(a.place.id);
    expect(a.place).toMatchObject({ communeCode: '92044', practitionerId: a.practitioner!.id });

    // The next answer finds them all, and writes back what the vendor now says of a place.
    const telecom = [{ system: 'phone', value: '0102030405' }];
    const again = await db.transaction((tx) => loadContexts(tx, 'v1', [slot({ rpps: first }, 'schedule-a', { telecom })]));
    expect(again.get(contextKey(feed[0]))!.place.id).toBe(a.place.id);
    expect(again.get(contextKey(feed[0]))!.practitioner!.id).toBe(a.practitioner!.id);
    expect(await count()).toEqual({ practitioners: 2, places: 3 });
    const [row] = await db.query(`SELECT telecom, location_identifier FROM scheduling.place WHERE id = $1`, [a.place.id]);
    expect(row).toEqual({ telecom, location_identifier: null });
  });

  it('refuses a SOS Médecins slot of an association not in the directory, naming the field, and writes nothing', async () => {
    const before = await count();
    const feed = [slot({ rpps: rpps(7_100_000_003) }, 'schedule-c'), slot({ siret: '73282932000074' }, 'schedule-d')];
    const refusal = await db.transaction((tx) => loadContexts(tx, 'v1', feed)).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(InvalidInput);
    expect((refusal as InvalidInput).errors).toEqual([
      { field: 'Location.managingOrganization.identifier', reason: 'no structure with SIRET 73282932000074 in the directory' },
    ]);
    expect(await count()).toEqual(before);
  });

  it('refuses a place whose postal code names no commune', async () => {
    const refusal = await db
      .transaction((tx) => loadContexts(tx, 'v1', [slot({ rpps: first }, 'schedule-e', { postalCode: '00000' })]))
      .catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(InvalidInput);
    expect((refusal as InvalidInput).errors).toEqual([
      { field: 'Location.address.postalCode', reason: 'no commune for postal code 00000' },
    ]);
  });
});
