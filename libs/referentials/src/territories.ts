/**
 * Communes and départements from @etalab/decoupage-administratif, the official
 * referential (INSEE code officiel géographique), never copied by hand.
 *
 * Valid communes are the current communes plus the municipal arrondissements of Paris,
 * Lyon and Marseille, which patients and practices give as their commune. Communes
 * déléguées and associées are left out: they are no longer communes, and some share
 * their code with the commune that absorbed them.
 */

export interface Commune {
  readonly code: string;
  readonly name: string;
  readonly departement: string;
  readonly region: string;
  /** Municipal population; 0 for the few uninhabited territories the referential lists without one. */
  readonly population: number;
  /** For a municipal arrondissement: the INSEE code of its city (Paris 75056, Lyon 69123, Marseille 13055). */
  readonly city?: string;
}

export interface Departement {
  readonly code: string;
  readonly name: string;
  readonly region: string;
}

interface RawCommune {
  code: string;
  nom: string;
  type: 'commune-actuelle' | 'arrondissement-municipal' | 'commune-deleguee' | 'commune-associee';
  departement: string;
  region: string;
  population?: number;
  codesPostaux?: string[];
  /** A municipal arrondissement's city. */
  commune?: string;
}

interface RawDepartement {
  code: string;
  nom: string;
  region: string;
}

interface CommuneIndex {
  byCode: Map<string, Commune>;
  /** Current communes only: counting the arrondissements too would count Paris, Lyon and Marseille twice. */
  byDepartement: Map<string, Commune[]>;
  /** In the referential's order, which puts Paris, Lyon and Marseille before their arrondissements. */
  byPostalCode: Map<string, Commune[]>;
  /** The first postal code the referential gives a commune (or arrondissement). */
  postalCodeByCode: Map<string, string>;
  /** The municipal arrondissements of Paris, Lyon and Marseille, by city. */
  arrondissementsByCity: Map<string, Commune[]>;
}

interface DepartementIndex {
  byCode: Map<string, Departement>;
  byRegion: Map<string, Departement[]>;
}

// The JSON is read on first use, not at import, then kept: communes.json is 8.6 MB
// that services which never look up a commune should not pay for at start-up.
const communeIndex = once(buildCommuneIndex);
const departementIndex = once(buildDepartementIndex);

/** The commune (or municipal arrondissement) with this INSEE code. */
export function findCommune(code: string): Commune | undefined {
  return communeIndex().byCode.get(code);
}

/**
 * The département (SAS territory) of a commune: the referential's, else read from the code
 * itself (three characters overseas) for a commune the referential does not know.
 */
export function departementOfCommune(code: string): string {
  return findCommune(code)?.departement ?? (code.startsWith('97') ? code.slice(0, 3) : code.slice(0, 2));
}

/** The reason an INSEE commune code is wrong (format, or unknown commune), or undefined. */
export function checkCommuneCode(code: string): string | undefined {
  if (!/^(\d{5}|2[AB]\d{3})$/.test(code)) return 'commune code must be an INSEE code of 5 characters (2A/2B for Corsica)';
  return findCommune(code) ? undefined : `no commune with INSEE code ${code}`;
}

/** The département with this code ('92', '2A', '971'). */
export function findDepartement(code: string): Departement | undefined {
  return departementIndex().byCode.get(code);
}

/** Current communes of a département, arrondissements of Paris, Lyon and Marseille excluded. */
export function communesOfDepartement(code: string): readonly Commune[] {
  return communeIndex().byDepartement.get(code) ?? [];
}

/** The municipal arrondissements of a city (Paris, Lyon, Marseille); none for any other commune. */
export function arrondissementsOfCity(code: string): readonly Commune[] {
  return communeIndex().arrondissementsByCity.get(code) ?? [];
}

/** Départements of a region, by INSEE region code ('11' is Île-de-France). */
export function departementsOfRegion(region: string): readonly Departement[] {
  return departementIndex().byRegion.get(region) ?? [];
}

/** The name of a region ('11': Île-de-France), or undefined for an unknown code. */
export function regionName(code: string): string | undefined {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- required here, lazily, not imported at load
  const regions: { code: string; nom: string }[] = require('@etalab/decoupage-administratif/data/regions.json');
  return regions.find((r) => r.code === code)?.nom;
}

/** Municipal population of a département: the sum over its current communes. */
export function departementPopulation(code: string): number {
  return communesOfDepartement(code).reduce((sum, commune) => sum + commune.population, 0);
}

/**
 * The commune of a postal address: among the communes served by the postal code, the one
 * whose name matches the city (accents, case and hyphens aside), else the first.
 */
/** A postal code of the commune (its first in the referential), for an address that has none. */
export function postalCodeOfCommune(code: string): string | undefined {
  return communeIndex().postalCodeByCode.get(code);
}

export function communeOfPostalAddress(postalCode: string, city?: string): Commune | undefined {
  const candidates = communeIndex().byPostalCode.get(postalCode) ?? [];
  const wanted = city === undefined ? undefined : normalise(city);
  return candidates.find((commune) => normalise(commune.name) === wanted) ?? candidates[0];
}

function buildCommuneIndex(): CommuneIndex {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- required here, lazily, not imported at load
  const raw: RawCommune[] = require('@etalab/decoupage-administratif/data/communes.json');
  const index: CommuneIndex = {
    byCode: new Map(),
    byDepartement: new Map(),
    byPostalCode: new Map(),
    postalCodeByCode: new Map(),
    arrondissementsByCity: new Map(),
  };
  for (const entry of raw) {
    if (entry.type !== 'commune-actuelle' && entry.type !== 'arrondissement-municipal') continue;
    const commune: Commune = {
      code: entry.code,
      name: entry.nom,
      departement: entry.departement,
      region: entry.region,
      population: entry.population ?? 0,
      ...(entry.type === 'arrondissement-municipal' && entry.commune && { city: entry.commune }),
    };
    index.byCode.set(commune.code, commune);
    if (entry.type === 'commune-actuelle') append(index.byDepartement, commune.departement, commune);
    if (commune.city) append(index.arrondissementsByCity, commune.city, commune);
    for (const postalCode of entry.codesPostaux ?? []) append(index.byPostalCode, postalCode, commune);
    if (entry.codesPostaux?.[0]) index.postalCodeByCode.set(commune.code, entry.codesPostaux[0]);
  }
  return index;
}

function buildDepartementIndex(): DepartementIndex {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- required here, lazily, not imported at load
  const raw: RawDepartement[] = require('@etalab/decoupage-administratif/data/departements.json');
  const index: DepartementIndex = { byCode: new Map(), byRegion: new Map() };
  for (const entry of raw) {
    const departement: Departement = { code: entry.code, name: entry.nom, region: entry.region };
    index.byCode.set(departement.code, departement);
    append(index.byRegion, departement.region, departement);
  }
  return index;
}

function once<T>(build: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= build());
}

function append<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function normalise(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
