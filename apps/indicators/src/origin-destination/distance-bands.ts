import { communeCentre, distanceKm } from '@sas/referentials';

/** Upper bounds (km, exclusive) of the distance bands between two communes' centres. */
const BANDS: [limit: number, label: string][] = [
  [0.001, 'same-commune'],
  [5, '0-5 km'],
  [10, '5-10 km'],
  [20, '10-20 km'],
  [50, '20-50 km'],
];

/** The band of the distance between two communes' centres; null when either has no centre in the referential. */
export function distanceBand(origin: string, destination: string): string | null {
  if (origin === destination) return 'same-commune';
  const a = communeCentre(origin);
  const b = communeCentre(destination);
  if (!a || !b) return null;
  const km = distanceKm(a, b);
  return BANDS.find(([limit]) => km < limit)?.[1] ?? '50 km or more';
}
