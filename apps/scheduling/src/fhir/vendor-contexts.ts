import { GENERAL_MEDICINE } from '@sas/contracts';
import { InvalidInput } from '@sas/platform';
import { communeOfPostalAddress } from '@sas/referentials';
import { randomUUID } from 'node:crypto';
import { EntityManager, In } from 'typeorm';
import { PlaceEntity } from '../directory/place.entity';
import { PractitionerEntity } from '../directory/practitioner.entity';
import { StructureEntity } from '../directory/structure.entity';
import { SlotContext } from '../slots/slot-events';
import { VendorSlot } from './vendor-bundle';

/** The context of a feed's slot: its owner (RPPS or SOS SIRET) and the vendor's place (its Schedule). */
export const contextKey = (item: VendorSlot) =>
  `${item.practitioner?.rpps ?? `SIRET ${item.structure?.siret}`}|${item.place.key}`;

type Owner = { practitionerId: string } | { structureId: string };
const ownerKey = (owner: Owner) => ('practitionerId' in owner ? `P ${owner.practitionerId}` : `S ${owner.structureId}`);

/**
 * The practitioners (registered on first sight), structures and the vendor's places of a
 * feed, keyed by contextKey, in a handful of statements whatever the feed's size: a
 * vendor's answer names up to 25 practitioners, and a first poll cycle of a region reads
 * 12,000; statement by statement (six per practitioner, four once known) they made about
 * half of scheduling's CPU in such a cycle (bench:vendors), beside PostgreSQL's.
 */
export async function loadContexts(tx: EntityManager, vendor: string, feed: VendorSlot[]): Promise<Map<string, SlotContext>> {
  // The first slot of each context decides, as it would have read alone (profession, names, place).
  const firsts = new Map<string, VendorSlot>();
  for (const item of feed) if (!firsts.has(contextKey(item))) firsts.set(contextKey(item), item);
  const items = [...firsts.values()];
  const practitioners = await practitionersOf(tx, items);
  const structures = await structuresOf(tx, items);
  const owners = new Map(
    items.map((item) => [
      contextKey(item),
      item.practitioner
        ? { practitionerId: practitioners.get(item.practitioner.rpps)!.id }
        : { structureId: structures.get(item.structure!.siret)!.id },
    ]),
  );
  const places = await placesOf(tx, vendor, items, owners);
  const contexts = new Map<string, SlotContext>();
  for (const item of items) {
    const key = contextKey(item);
    const place = places.get(`${ownerKey(owners.get(key)!)}|${item.place.key}`)!;
    contexts.set(
      key,
      item.practitioner
        ? { practitioner: practitioners.get(item.practitioner.rpps)!, place }
        : { structure: structures.get(item.structure!.siret)!, place },
    );
  }
  return contexts;
}

/** The feed's practitioners by RPPS; those never seen are registered, as their first slot describes them. */
async function practitionersOf(tx: EntityManager, items: VendorSlot[]): Promise<Map<string, PractitionerEntity>> {
  const rpps = [...new Set(items.flatMap((i) => (i.practitioner ? [i.practitioner.rpps] : [])))];
  if (rpps.length === 0) return new Map();
  const repository = tx.getRepository(PractitionerEntity);
  const known = new Map((await repository.findBy({ rpps: In(rpps) })).map((p) => [p.rpps!, p]));
  const newcomers: PractitionerEntity[] = [];
  for (const { practitioner, specialties } of items) {
    if (!practitioner || known.has(practitioner.rpps)) continue;
    const created = Object.assign(new PractitionerEntity(), {
      id: randomUUID(),
      rpps: practitioner.rpps,
      adeli: null,
      profession: specialties.includes(GENERAL_MEDICINE) ? 'general-practitioner' : 'practitioner',
      specialties,
      familyName: practitioner.familyName ?? null,
      givenName: practitioner.givenName ?? null,
      revision: 1,
      retiredAt: null,
    });
    known.set(practitioner.rpps, created);
    newcomers.push(created);
  }
  if (newcomers.length) await repository.insert(newcomers);
  return known;
}

/** SOS Médecins associations by SIRET: an admin registers them, a vendor cannot create a structure. */
async function structuresOf(tx: EntityManager, items: VendorSlot[]): Promise<Map<string, StructureEntity>> {
  const sirets = [...new Set(items.flatMap((i) => (i.practitioner || !i.structure ? [] : [i.structure.siret])))];
  if (sirets.length === 0) return new Map();
  const found = new Map((await tx.getRepository(StructureEntity).findBy({ siret: In(sirets) })).map((s) => [s.siret!, s]));
  const missing = sirets.find((siret) => !found.has(siret));
  if (missing)
    throw InvalidInput.field('Location.managingOrganization.identifier', `no structure with SIRET ${missing} in the directory`);
  return found;
}

/**
 * The vendor's places of these owners, keyed `ownerKey|vendor key`: those known are found
 * in one statement, the new ones inserted (their commune from the postal code); what the
 * vendor says of each beyond its address is written back as it came (latest answer wins).
 */
async function placesOf(
  tx: EntityManager,
  vendor: string,
  items: VendorSlot[],
  owners: Map<string, Owner>,
): Promise<Map<string, PlaceEntity>> {
  const of = [...owners.values()];
  const rows: { id: string; practitioner_id: string | null; structure_id: string | null; vendor_key: string }[] = await tx.query(
    `SELECT id, practitioner_id, structure_id, vendor_key FROM scheduling.place
      WHERE vendor = $1 AND vendor_key = ANY($2::text[]) AND (practitioner_id = ANY($3::uuid[]) OR structure_id = ANY($4::uuid[]))`,
    [
      vendor,
      [...new Set(items.map((i) => i.place.key))],
      of.flatMap((o) => ('practitionerId' in o ? [o.practitionerId] : [])),
      of.flatMap((o) => ('structureId' in o ? [o.structureId] : [])),
    ],
  );
  const idOf = new Map<string, string>();
  for (const row of rows) {
    const owner = row.practitioner_id ? { practitionerId: row.practitioner_id } : { structureId: row.structure_id! };
    idOf.set(`${ownerKey(owner)}|${row.vendor_key}`, row.id);
  }
  const fresh: PlaceEntity[] = [];
  const freshKeys: { id: string; key: string }[] = [];
  const describe: { id: string; item: VendorSlot }[] = [];
  for (const item of items) {
    const owner = owners.get(contextKey(item))!;
    const key = `${ownerKey(owner)}|${item.place.key}`;
    let id = idOf.get(key);
    if (!id) {
      const place = newPlace(owner, item);
      idOf.set(key, (id = place.id));
      fresh.push(place);
      freshKeys.push({ id, key: item.place.key });
    }
    describe.push({ id, item });
  }
  if (fresh.length) {
    await tx.getRepository(PlaceEntity).insert(fresh);
    await tx.query(
      `UPDATE scheduling.place p SET vendor = $1, vendor_key = v.key FROM unnest($2::uuid[], $3::text[]) AS v(id, key) WHERE p.id = v.id`,
      [vendor, freshKeys.map((f) => f.id), freshKeys.map((f) => f.key)],
    );
  }
  await describePlaces(tx, describe);
  // The known places read whole; the new ones are the entities just inserted.
  const known = rows.length ? await tx.getRepository(PlaceEntity).findBy({ id: In(rows.map((r) => r.id)) }) : [];
  const entities = new Map([...known, ...fresh].map((p) => [p.id, p]));
  return new Map([...idOf].map(([key, id]) => [key, entities.get(id)!]));
}

function newPlace(owner: Owner, item: VendorSlot): PlaceEntity {
  const commune = communeOfPostalAddress(item.place.postalCode!, item.place.city);
  if (!commune) throw InvalidInput.field('Location.address.postalCode', `no commune for postal code ${item.place.postalCode}`);
  return Object.assign(new PlaceEntity(), {
    id: randomUUID(),
    practitionerId: 'practitionerId' in owner ? owner.practitionerId : null,
    structureId: 'structureId' in owner ? owner.structureId : null,
    name: item.place.name ?? null,
    addressLine: item.place.line ?? null,
    postalCode: item.place.postalCode ?? null,
    city: item.place.city ?? null,
    communeCode: commune.code,
    latitude: item.place.latitude ?? null,
    longitude: item.place.longitude ?? null,
    wheelchairAccessible: false,
    conventionSector: null,
    thirdPartyPayment: false,
    languages: ['fr'],
    treatsWithoutCover: false,
    interpreting: false,
    accessibility: [],
    homeVisitRadiusKm: null,
    phone: null,
    regulatorPhone: null,
    acceptsBeyondSlots: null,
    revision: 1,
    retiredAt: null,
  });
}

/** What the vendor says of its places beyond their address, served back as it came; a place unchanged is not written. */
async function describePlaces(tx: EntityManager, places: { id: string; item: VendorSlot }[]): Promise<void> {
  if (places.length === 0) return;
  await tx.query(
    `UPDATE scheduling.place p SET location_identifier = v.identifier, structure_idnst = v.idnst, telecom = v.telecom
       FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, identifier jsonb, idnst text, telecom jsonb)
      WHERE p.id = v.id AND (p.location_identifier, p.structure_idnst, p.telecom) IS DISTINCT FROM (v.identifier, v.idnst, v.telecom)`,
    [
      JSON.stringify(
        places.map(({ id, item: { place } }) => ({
          id,
          // Absent keys read as SQL NULL (a JSON null would be stored as the jsonb value null).
          identifier: place.identifier,
          idnst: place.structureIdnst,
          telecom: place.telecom,
        })),
      ),
    ],
  );
}
