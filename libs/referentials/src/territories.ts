/** Communes and départements from @etalab/decoupage-administratif (the official referential). */

export interface Commune {
  code: string;
  name: string;
  departement: string;
  region: string;
  population: number;
}

export interface Departement {
  code: string;
  name: string;
  region: string;
}

interface RawCommune {
  code: string;
  nom: string;
  type: string;
  codesPostaux?: string[];
  departement?: string;
  region?: string;
  population?: number;
}

// Current communes, plus the municipal arrondissements of Paris, Lyon and Marseille,
// which patients and practices give as their commune.
const ACCEPTED_TYPES = new Set(['commune-actuelle', 'arrondissement-municipal']);

let communes: Map<string, Commune> | undefined;
let departements: Map<string, Departement> | undefined;

function communeIndex(): Map<string, Commune> {
  if (!communes) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const raw: RawCommune[] = require('@etalab/decoupage-administratif/data/communes.json');
    communes = new Map(
      raw
        .filter((c) => ACCEPTED_TYPES.has(c.type) && c.departement)
        .map((c) => [c.code, { code: c.code, name: c.nom, departement: c.departement!, region: c.region ?? '', population: c.population ?? 0 }]),
    );
  }
  return communes;
}

function departementIndex(): Map<string, Departement> {
  if (!departements) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const raw: { code: string; nom: string; region: string }[] = require('@etalab/decoupage-administratif/data/departements.json');
    departements = new Map(raw.map((d) => [d.code, { code: d.code, name: d.nom, region: d.region }]));
  }
  return departements;
}

export function findCommune(code: string): Commune | undefined {
  return communeIndex().get(code);
}

/** The reason an INSEE commune code is wrong (format, or unknown commune), or undefined. */
export function checkCommuneCode(code: string): string | undefined {
  if (!/^(\d{5}|2[AB]\d{3})$/.test(code)) return 'commune code must be an INSEE code of 5 characters (2A/2B for Corsica)';
  return findCommune(code) ? undefined : `no commune with INSEE code ${code}`;
}

export function findDepartement(code: string): Departement | undefined {
  return departementIndex().get(code);
}

/** Current communes of a département (arrondissements of Paris, Lyon, Marseille excluded, to avoid counting twice). */
export function communesOfDepartement(code: string): Commune[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const raw: RawCommune[] = require('@etalab/decoupage-administratif/data/communes.json');
  return raw.filter((c) => c.type === 'commune-actuelle' && c.departement === code).map((c) => findCommune(c.code)!);
}

export function departementsOfRegion(region: string): Departement[] {
  return [...departementIndex().values()].filter((d) => d.region === region);
}

export function departementPopulation(code: string): number {
  return communesOfDepartement(code).reduce((sum, c) => sum + c.population, 0);
}

let byPostalCode: Map<string, { code: string; name: string }[]> | undefined;

/**
 * The commune of a postal address: among the communes served by the postal code, the one
 * whose name matches the city (accents, case and hyphens aside), else the first.
 */
export function communeOfPostalAddress(postalCode: string, city?: string): Commune | undefined {
  if (!byPostalCode) {
    byPostalCode = new Map();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const raw: RawCommune[] = require('@etalab/decoupage-administratif/data/communes.json');
    for (const c of raw.filter((c) => ACCEPTED_TYPES.has(c.type))) {
      for (const pc of c.codesPostaux ?? []) byPostalCode.set(pc, [...(byPostalCode.get(pc) ?? []), { code: c.code, name: c.nom }]);
    }
  }
  const candidates = byPostalCode.get(postalCode) ?? [];
  const wanted = city ? normalise(city) : undefined;
  const match = candidates.find((c) => wanted && normalise(c.name) === wanted) ?? candidates[0];
  return match ? findCommune(match.code) : undefined;
}

function normalise(name: string): string {
  return name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}
