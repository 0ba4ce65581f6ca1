import { postalCodeOfCommune } from '@sas/referentials';
import { RegionCommune } from './region-communes';
import { pick, Random } from './random';

/** A place of consultation as the directory API takes it. */
export interface PlacePlan {
  communeCode: string;
  latitude: number;
  longitude: number;
  name?: string;
  /** The commune's postal code and name: agenda vendors' FHIR Locations need an address with a postal code. */
  postalCode?: string;
  city?: string;
  wheelchairAccessible: boolean;
  conventionSector: '1' | '2' | '3';
  thirdPartyPayment: boolean;
  languages: string[];
  homeVisitRadiusKm?: number;
}

const OTHER_LANGUAGES = ['ar', 'es', 'pt', 'zh', 'de', 'it', 'ro'];

/**
 * A place in the commune, within about 1.5 km of its centre. Shares assumed for the
 * model, not official figures: 60 % accessible, sector 1 for 75 % (half in Paris),
 * third-party payment 70 %, English spoken in 20 %, another language in 8 %.
 */
export function placeIn(commune: RegionCommune, random: Random, name?: string): PlacePlan {
  const angle = random() * 2 * Math.PI;
  const km = 1.5 * Math.sqrt(random());
  const latitude = commune.centre.latitude + (km / 111.2) * Math.sin(angle);
  const longitude =
    commune.centre.longitude + (km / (111.2 * Math.cos((commune.centre.latitude * Math.PI) / 180))) * Math.cos(angle);
  const sector1Share = commune.departement === '75' ? 0.5 : 0.75;
  const sector = random();
  const languages = ['fr'];
  if (random() < 0.2) languages.push('en');
  if (random() < 0.08) languages.push(pick(random, OTHER_LANGUAGES));
  return {
    communeCode: commune.code,
    ...(postalCodeOfCommune(commune.code) && { postalCode: postalCodeOfCommune(commune.code), city: commune.name }),
    latitude: +latitude.toFixed(5),
    longitude: +longitude.toFixed(5),
    ...(name ? { name } : {}),
    wheelchairAccessible: random() < 0.6,
    conventionSector: sector < sector1Share ? '1' : sector < 0.98 ? '2' : '3',
    thirdPartyPayment: random() < 0.7,
    languages: [...new Set(languages)],
  };
}

const FAMILY_NAMES = [
  'Martin',
  'Bernard',
  'Thomas',
  'Petit',
  'Robert',
  'Richard',
  'Durand',
  'Dubois',
  'Moreau',
  'Laurent',
  'Simon',
  'Michel',
  'Lefebvre',
  'Leroy',
  'Roux',
  'David',
  'Bertrand',
  'Morel',
  'Fournier',
  'Girard',
  'Benali',
  'Nguyen',
  'Diallo',
  'Haddad',
];
const GIVEN_NAMES = [
  'Camille',
  'Claire',
  'Julie',
  'Sophie',
  'Nadia',
  'Léa',
  'Inès',
  'Anne',
  'Thomas',
  'Nicolas',
  'Julien',
  'Karim',
  'Pierre',
  'Antoine',
  'Mehdi',
  'Paul',
  'Lucas',
  'Hugo',
];

/** A practitioner's name (public directory data, not patient data). */
export function practitionerName(random: Random): { familyName: string; givenName: string } {
  return { familyName: pick(random, FAMILY_NAMES), givenName: pick(random, GIVEN_NAMES) };
}

export const homeVisitRadius = (random: Random) => pick(random, [3, 5, 8, 10]);
