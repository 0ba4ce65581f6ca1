import { distanceBand } from './distance-bands';

describe('distance bands between communes', () => {
  it.each([
    ['92044', '92044', 'same-commune'],
    ['92044', '92024', '0-5 km'], // Levallois-Perret → Clichy
    ['92044', '75112', '10-20 km'], // Levallois-Perret → Paris 12e
    ['77288', '75112', '20-50 km'], // Melun → Paris 12e
    ['77288', '95127', '50 km or more'], // Melun → Cergy
  ])('%s → %s: %s', (origin, destination, band) => {
    expect(distanceBand(origin, destination)).toBe(band);
  });
});
