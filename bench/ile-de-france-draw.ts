import { communeCentre, communesOfDepartement, departementsOfRegion } from '@sas/referentials';

/** Deterministic pseudo-random numbers in [0, 1): the same data on every run for a seed. */
export function seededRandom(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

/** Draws Île-de-France communes (with their centre) in proportion to their population. */
export function communeDraw(random: () => number) {
  const list = departementsOfRegion('11').flatMap((d) => communesOfDepartement(d.code)).map((c) => ({ ...c, centre: communeCentre(c.code)! }));
  let total = 0;
  const cumulative = list.map((c) => (total += c.population));
  return () => {
    const x = random() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return list[lo];
  };
}
