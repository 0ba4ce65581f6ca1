import { communeDraw, regionCommunes } from '@sas/simulation';

export type BenchMode = 'AMB' | 'VR' | 'HH';

/**
 * The benchmarks' Île-de-France: practitioners placed like the population (within about
 * a kilometre of their commune's centre), some by video or at home, and patients drawn
 * the same way. Deterministic for the random source given.
 */
export function benchPopulation(random: () => number) {
  const drawCommune = communeDraw(regionCommunes('11'), random);
  const near = () => {
    const c = drawCommune();
    return { communeCode: c.code, latitude: c.centre.latitude + (random() - 0.5) * 0.02, longitude: c.centre.longitude + (random() - 0.5) * 0.03 };
  };
  return {
    practitioners: (count: number, newId: () => string) =>
      Array.from({ length: count }, () => ({
        id: newId(),
        placeId: newId(),
        ...near(),
        modes: (random() < 0.2 ? ['AMB', 'VR'] : random() < 0.1 ? ['AMB', 'HH'] : ['AMB']) as BenchMode[],
        homeVisitRadiusKm: random() < 0.3 ? 5 : undefined,
      })),
    patient: () => {
      const { latitude, longitude } = near();
      return { latitude, longitude };
    },
  };
}
