import { arrondissementsOfCity, findCommune } from './territories';

/**
 * EPCI (établissements publics de coopération intercommunale: métropoles, communautés
 * d'agglomération and de communes) from @etalab/decoupage-administratif, identified by
 * their SIREN. The referential lists each EPCI's member communes (current communes only);
 * the municipal arrondissements of Paris, Lyon and Marseille, which patients and places
 * give as their commune, belong to the EPCI of their city.
 */
export interface Epci {
  readonly code: string; // SIREN, 9 digits
  readonly name: string;
  /** Current member communes (INSEE codes), as the referential lists them. */
  readonly communes: readonly string[];
}

interface RawEpci {
  code: string;
  nom: string;
  membres: { code: string }[];
}

interface EpciIndex {
  bySiren: Map<string, Epci>;
  byCommune: Map<string, string>;
}

let index: EpciIndex | undefined;

// Read on first use, as the communes are: services that never ask for an EPCI do not pay for it.
function epciIndex(): EpciIndex {
  if (index) return index;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- required here, lazily, not imported at load
  const raw: RawEpci[] = require('@etalab/decoupage-administratif/data/epci.json');
  const built: EpciIndex = { bySiren: new Map(), byCommune: new Map() };
  for (const entry of raw) {
    const communes = entry.membres.map((m) => m.code);
    built.bySiren.set(entry.code, { code: entry.code, name: entry.nom, communes });
    for (const commune of communes) built.byCommune.set(commune, entry.code);
  }
  return (index = built);
}

/** The EPCI with this SIREN. */
export function findEpci(siren: string): Epci | undefined {
  return epciIndex().bySiren.get(siren);
}

/** The reason an EPCI SIREN is wrong (format, or no such EPCI), or undefined. */
export function checkEpci(siren: string): string | undefined {
  if (!/^\d{9}$/.test(siren)) return 'an EPCI is identified by its SIREN of 9 digits';
  return findEpci(siren) ? undefined : `no EPCI with SIREN ${siren}`;
}

/** The SIREN of the EPCI a commune (or a municipal arrondissement, through its city) belongs to. */
export function epciOfCommune(code: string): string | undefined {
  const byCommune = epciIndex().byCommune;
  return byCommune.get(code) ?? byCommune.get(cityOfArrondissement(code) ?? '');
}

function cityOfArrondissement(code: string): string | undefined {
  return findCommune(code)?.city;
}

/**
 * Every commune code that places and cases of the EPCI may carry: its member communes and
 * the municipal arrondissements of a member city. Populations are the members' alone (an
 * arrondissement's population is part of its city's).
 */
export function communesOfEpci(siren: string): string[] {
  const epci = findEpci(siren);
  if (!epci) return [];
  return epci.communes.flatMap((code) => [code, ...arrondissementsOfCity(code).map((a) => a.code)]);
}
