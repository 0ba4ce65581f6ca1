import { utcToParisLocal } from '@sas/referentials';
import { expectStatus, forEachConcurrently, ServiceUrls } from './api-client';
import { practiceToken } from './badges';
import { ProgressBar } from './progress-bar';
import { PractitionerPlan, RegionPlan, StructurePlan } from './region-plan';

export interface SeedReport {
  practitioners: number;
  structures: number;
  rules: number;
  slotsCreated: number;
  seconds: number;
  slotsPerSecond: number;
}

/**
 * Publishes a planned region through the real APIs, as practices would: each
 * practitioner (or structure) with its own practice token registers itself, its place
 * and its opening rules, which scheduling expands into slots up to its horizon.
 */
export async function seedRegion(
  plan: RegionPlan,
  urls: ServiceUrls,
  options: { concurrency?: number; now?: Date; progress?: boolean } = {},
): Promise<SeedReport> {
  const validFrom = utcToParisLocal(options.now ?? new Date()).date;
  const started = Date.now();
  const owners = [...plan.structures.map((s) => ({ structure: s })), ...plan.practitioners.map((p) => ({ practitioner: p }))];
  const bar = options.progress === false ? undefined : new ProgressBar('seeding practices and structures', owners.length);
  let rules = 0;
  let slotsCreated = 0;
  await forEachConcurrently(owners, options.concurrency ?? 8, async (owner) => {
    const published =
      'practitioner' in owner
        ? await publishPractitioner(owner.practitioner!, urls, validFrom)
        : await publishStructure(owner.structure!, urls, validFrom);
    rules += published.rules;
    slotsCreated += published.slots;
    bar?.tick();
  });
  const seconds = (Date.now() - started) / 1000;
  return {
    practitioners: plan.practitioners.length,
    structures: plan.structures.length,
    rules,
    slotsCreated,
    seconds: +seconds.toFixed(1),
    slotsPerSecond: Math.round(slotsCreated / seconds),
  };
}

async function publishPractitioner(p: PractitionerPlan, urls: ServiceUrls, validFrom: string) {
  const token = await practiceToken({ system: 'RPPS', value: p.rpps });
  const { id } = await expectStatus<{ id: string }>(201, 'POST', `${urls.scheduling}/practitioners`, token, {
    rpps: p.rpps,
    profession: p.profession,
    specialties: p.specialties,
    familyName: p.familyName,
    givenName: p.givenName,
  });
  return publishAgenda({ practitionerId: id }, p, urls, token, validFrom);
}

async function publishStructure(s: StructurePlan, urls: ServiceUrls, validFrom: string) {
  const identifier = (s.siret ?? s.finess)!;
  const token = await practiceToken({ system: s.siret ? 'SIRET' : 'FINESS', value: identifier });
  const { id } = await expectStatus<{ id: string }>(201, 'POST', `${urls.scheduling}/structures`, token, {
    kind: s.kind,
    name: s.name,
    ...(s.siret ? { siret: s.siret } : { finess: s.finess }),
  });
  return publishAgenda({ structureId: id }, s, urls, token, validFrom);
}

async function publishAgenda(
  owner: { practitionerId?: string; structureId?: string },
  plan: PractitionerPlan | StructurePlan,
  urls: ServiceUrls,
  token: string,
  validFrom: string,
) {
  const place = await expectStatus<{ id: string }>(201, 'POST', `${urls.scheduling}/places`, token, { ...owner, ...plan.place });
  let slots = 0;
  for (const rule of plan.rules) {
    const created = await expectStatus<{ slotsCreated: number }>(201, 'POST', `${urls.scheduling}/opening-rules`, token, {
      ...owner,
      placeId: place.id,
      validFrom,
      ...rule,
    });
    slots += created.slotsCreated;
  }
  return { rules: plan.rules.length, slots };
}
