import { Forbidden, InvalidInput } from '@sas/platform';
import { communesOfDepartement, communesOfEpci, departementOfCommune, epciOfCommune, findCommune } from '@sas/referentials';

/** Territories beside départements and regions: EPCI (by SIREN) and CPTS perimeters (by their registered id). */
export const AREA_KINDS = ['epci', 'cpts'] as const;
export type AreaKind = (typeof AREA_KINDS)[number];

/** One group of communes a figure is summed over. */
export interface Area {
  id: string;
  /** The commune codes (current communes and arrondissements) it counts, within what the caller may read. */
  communes: string[];
}

/** A CPTS perimeter as the indicators learnt it from scheduling's directory events. */
export interface CptsPerimeter {
  id: string;
  name: string;
  communes: string[];
}

/**
 * The areas a request names: one EPCI or CPTS when filtered, else every EPCI (or CPTS) with a
 * commune in the départements read. An area straddling départements counts only its communes
 * in the départements the caller may read (`territories`; undefined: every one), so a
 * supervisor of 92 reads the Métropole du Grand Paris as its communes of 92.
 */
export function resolveAreas(
  kind: AreaKind,
  filter: string | undefined,
  territories: string[] | undefined,
  perimeters: readonly CptsPerimeter[],
): Area[] {
  const within = (codes: readonly string[]) =>
    territories ? codes.filter((c) => territories.includes(departementOfCommune(c))) : [...codes];
  if (filter !== undefined) {
    const communes = kind === 'epci' ? communesOfEpci(filter) : perimeters.find((p) => p.id === filter)?.communes;
    if (!communes?.length)
      throw InvalidInput.field(kind, kind === 'epci' ? `no EPCI with SIREN ${filter}` : `no CPTS registered as ${filter}`);
    const readable = within(communes);
    if (!readable.length) throw new Forbidden(`${kind} ${filter} has no commune in the territories you may read`);
    return [{ id: filter, communes: readable }];
  }
  if (kind === 'cpts')
    return perimeters.map((p) => ({ id: p.id, communes: within(p.communes) })).filter((a) => a.communes.length);
  return epciOfTerritories(territories);
}

/** Every EPCI with a commune in the territories, each with its communes (and arrondissements) there. */
function epciOfTerritories(territories: string[] | undefined): Area[] {
  if (!territories) throw InvalidInput.field('groupBy', 'groupBy=epci needs a territory, a region or a scoped token');
  const epcis = new Set(territories.flatMap((t) => communesOfDepartement(t).flatMap((c) => epciOfCommune(c.code) ?? [])));
  return [...epcis].map((id) => ({
    id,
    communes: communesOfEpci(id).filter((c) => territories.includes(departementOfCommune(c))),
  }));
}

/** The population an area's figures per 10,000 inhabitants divide by: its current communes' (arrondissements are in their city's). */
export function areaPopulation(area: Area): number {
  return area.communes.reduce((sum, code) => {
    const commune = findCommune(code);
    return commune && !commune.city ? sum + commune.population : sum;
  }, 0);
}
