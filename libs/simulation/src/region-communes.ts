import { communeCentre, communesOfDepartement, departementsOfRegion, findCommune } from '@sas/referentials';
import { Random } from './random';

export interface RegionCommune {
  code: string;
  name: string;
  departement: string;
  population: number;
  centre: { latitude: number; longitude: number };
}

/**
 * The communes of a region with their population and centre. Paris, Lyon and Marseille
 * count as their municipal arrondissements, so that people and practices spread across
 * the city instead of sitting on one point.
 */
export function regionCommunes(region: string): RegionCommune[] {
  const communes: RegionCommune[] = [];
  for (const departement of departementsOfRegion(region)) {
    for (const commune of communesOfDepartement(departement.code)) {
      for (const part of arrondissementsOf(commune.code) ?? [commune]) {
        const centre = communeCentre(part.code);
        if (centre && part.population > 0)
          communes.push({ code: part.code, name: part.name, departement: departement.code, population: part.population, centre });
      }
    }
  }
  return communes;
}

const ARRONDISSEMENTS: Record<string, { first: number; count: number }> = {
  '75056': { first: 75101, count: 20 },
  '69123': { first: 69381, count: 9 },
  '13055': { first: 13201, count: 16 },
};

function arrondissementsOf(code: string) {
  const range = ARRONDISSEMENTS[code];
  if (!range) return undefined;
  return Array.from({ length: range.count }, (_, i) => findCommune(String(range.first + i))).filter((c) => c !== undefined);
}

/** Draws communes in proportion to their population (times an optional weight per commune). */
export function communeDraw(
  communes: readonly RegionCommune[],
  random: Random,
  weight: (c: RegionCommune) => number = () => 1,
): () => RegionCommune {
  let total = 0;
  const cumulative = communes.map((c) => (total += c.population * weight(c)));
  return () => {
    const x = random() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] <= x) lo = mid + 1;
      else hi = mid;
    }
    return communes[lo];
  };
}
