import { syntheticFiness, syntheticRpps, syntheticSiret } from './identifiers';
import {
  cptsAgenda,
  guardHouseAgenda,
  healthCentreAgenda,
  practitionerAgenda,
  RulePlan,
  sosMedecinsAgenda,
} from './opening-plans';
import { homeVisitRadius, PlacePlan, placeIn, practitionerName } from './practice-attributes';
import { communeDraw, RegionCommune, regionCommunes } from './region-communes';
import { pick, Random, seededRandom, weighted } from './random';

export interface PractitionerPlan {
  rpps: string;
  profession: string;
  specialties: string[];
  familyName: string;
  givenName: string;
  sasParticipant: boolean;
  place: PlacePlan;
  rules: RulePlan[];
}

export type StructureKind = 'cpts' | 'msp' | 'centre-de-sante' | 'sos-medecins' | 'maison-medicale-de-garde';

export interface StructurePlan {
  kind: StructureKind;
  siret?: string;
  finess?: string;
  name: string;
  place: PlacePlan;
  rules: RulePlan[];
}

export interface RegionPlan {
  region: string;
  scale: number;
  seed: number;
  population: number;
  communes: RegionCommune[];
  practitioners: PractitionerPlan[];
  structures: StructurePlan[];
}

/** National average density of GPs (docs/domain.md: 8.4 per 10,000 inhabitants). */
export const NATIONAL_GP_DENSITY = 8.4;

/**
 * Model assumptions (not official figures): how much each Île-de-France département
 * deviates from the national GP density — Paris above, Seine-Saint-Denis and the outer
 * ring below — and small communes, where many have no GP at all, at a fraction of it.
 */
const DEPARTEMENT_DENSITY: Record<string, number> = {
  '75': 1.25,
  '92': 1.0,
  '78': 0.9,
  '94': 0.85,
  '91': 0.8,
  '95': 0.75,
  '77': 0.7,
  '93': 0.65,
};
export function densityFactor(commune: RegionCommune): number {
  const size = commune.population < 1000 ? 0.4 : commune.population < 5000 ? 0.8 : 1;
  return (DEPARTEMENT_DENSITY[commune.departement] ?? 1) * size;
}

/** Other professions publishing availability, per GP, and their mix. */
const OTHER_PROFESSIONALS_PER_GP = 0.37;
const OTHER_PROFESSIONS = { nurse: 0.4, midwife: 0.15, physiotherapist: 0.25, dentist: 0.2 } as const;
/** Shares of practitioners taking part in the SAS (publishing SNP slots). */
const SAS_SHARE = { gp: 0.4, other: 0.15 };
/** Inhabitants per structure of each kind at scale 1 (at least one of each). */
const INHABITANTS_PER: Record<StructureKind, number> = {
  cpts: 100_000,
  msp: 40_000,
  'centre-de-sante': 60_000,
  'maison-medicale-de-garde': 150_000,
  'sos-medecins': 400_000,
};

/**
 * The region's practices and structures for a scale and a seed: deterministic (the same
 * arguments give the same plan), practitioners placed in proportion to population
 * weighted by local density, every agenda as recurring opening rules.
 */
export function planRegion(options: { region: string; scale: number; seed: number }): RegionPlan {
  const { region, scale, seed } = options;
  const random = seededRandom(seed);
  const communes = regionCommunes(region);
  if (communes.length === 0) throw new Error(`region ${region} has no communes`);
  const population = communes.reduce((sum, c) => sum + c.population, 0);
  const expectedGps =
    communes.reduce((sum, c) => sum + (c.population * NATIONAL_GP_DENSITY * densityFactor(c)) / 10_000, 0) * scale;
  const gpCount = Math.max(1, Math.round(expectedGps));
  const otherCount = Math.round(gpCount * OTHER_PROFESSIONALS_PER_GP);
  const whereGps = communeDraw(communes, random, densityFactor);
  const wherePeople = communeDraw(communes, random);

  const practitioners: PractitionerPlan[] = [];
  for (let i = 0; i < gpCount + otherCount; i++) {
    const gp = i < gpCount;
    const profession = gp ? 'general-practitioner' : weighted(random, OTHER_PROFESSIONS);
    const rpps = syntheticRpps(seed, i);
    const sasParticipant = random() < (gp ? SAS_SHARE.gp : SAS_SHARE.other);
    const homeVisits = gp && sasParticipant && random() < 0.2;
    const place = placeIn(gp ? whereGps() : wherePeople(), random);
    if (homeVisits) place.homeVisitRadiusKm = homeVisitRadius(random);
    practitioners.push({
      rpps,
      profession,
      specialties: gp ? ['SM54'] : [],
      ...practitionerName(random),
      sasParticipant,
      place,
      rules: practitionerAgenda(random, {
        slotMinutes: gp ? pick(random, [15, 20, 20, 20, 30]) : 30,
        sasParticipant,
        homeVisits,
        video: gp && random() < 0.3,
        acceptsBeyondSlots: sasParticipant && random() < 0.3,
        bookingUrl: `https://rdv.example.org/p/${rpps}`,
      }),
    });
  }

  const structures: StructurePlan[] = [];
  const kinds = Object.keys(INHABITANTS_PER) as StructureKind[];
  for (const kind of kinds) {
    const count = Math.max(1, Math.round((population / INHABITANTS_PER[kind]) * scale));
    for (let n = 0; n < count; n++) {
      const commune = wherePeople();
      const index = structures.length;
      const name = `${STRUCTURE_LABEL[kind]} ${commune.name}${count > 1 ? ` ${n + 1}` : ''}`;
      const place = placeIn(commune, random, name);
      if (kind === 'sos-medecins') place.homeVisitRadiusKm = 15;
      structures.push({
        kind,
        ...(kind === 'centre-de-sante'
          ? { finess: syntheticFiness(commune.departement, seed, index) }
          : { siret: syntheticSiret(seed, index) }),
        name,
        place,
        rules: agendaOf(kind, random),
      });
    }
  }
  return { region, scale, seed, population, communes, practitioners, structures };
}

const STRUCTURE_LABEL: Record<StructureKind, string> = {
  cpts: 'CPTS',
  msp: 'MSP',
  'centre-de-sante': 'Centre de santé',
  'sos-medecins': 'SOS Médecins',
  'maison-medicale-de-garde': 'Maison médicale de garde',
};

function agendaOf(kind: StructureKind, random: Random): RulePlan[] {
  switch (kind) {
    case 'cpts':
      return cptsAgenda();
    case 'sos-medecins':
      return sosMedecinsAgenda();
    case 'maison-medicale-de-garde':
      return guardHouseAgenda();
    case 'msp':
    case 'centre-de-sante':
      return healthCentreAgenda(random);
  }
}
