import { distanceKm } from '@sas/referentials';
import { ANYWHERE, cellCount, cellOf, cellsAround, cellsIn, inRange, minDistanceKm } from './spatial-grid';
import { mulberry32 } from '@sas/simulation';

/** The point `km` away from `from` on the great circle leaving it at `bearing` degrees. */
function destination(from: { latitude: number; longitude: number }, bearing: number, km: number) {
  const rad = Math.PI / 180;
  const d = km / 6371.0088;
  const [lat1, lon1, theta] = [from.latitude * rad, from.longitude * rad, bearing * rad];
  const lat2 = Math.asin(Math.sin(lat1) * Math.cos(d) + Math.cos(lat1) * Math.sin(d) * Math.cos(theta));
  const lon2 = lon1 + Math.atan2(Math.sin(theta) * Math.sin(d) * Math.cos(lat1), Math.cos(d) - Math.sin(lat1) * Math.sin(lat2));
  return { latitude: lat2 / rad, longitude: lon2 / rad };
}

describe('spatial grid', () => {
  it('bounds from below the distance to every point of a cell (the ranking skips cells on it)', () => {
    const next = mulberry32(3);
    for (let i = 0; i < 20_000; i++) {
      // Patients and places anywhere in metropolitan France and overseas, cells near and far.
      const patient = { latitude: -25 + next() * 80, longitude: -65 + next() * 125 };
      const place =
        next() < 0.5
          ? { latitude: patient.latitude + (next() - 0.5) * 0.4, longitude: patient.longitude + (next() - 0.5) * 0.6 }
          : { latitude: -25 + next() * 80, longitude: -65 + next() * 125 };
      const cell = cellOf(place.latitude, place.longitude);
      expect(minDistanceKm(patient.latitude, patient.longitude, cell)).toBeLessThanOrEqual(distanceKm(patient, place));
    }
  });

  it('is tight enough to leave out cells beyond the radius', () => {
    const paris = { latitude: 48.8566, longitude: 2.3522 };
    const far = cellOf(48.8566, 2.3522 + 0.3); // ~22 km east
    expect(minDistanceKm(paris.latitude, paris.longitude, far)).toBeGreaterThan(15);
    expect(minDistanceKm(paris.latitude, paris.longitude, cellOf(paris.latitude, paris.longitude))).toBe(0);
    expect(minDistanceKm(paris.latitude, paris.longitude, ANYWHERE)).toBe(0);
  });

  it('covers every cell within the radius with the cells around the point', () => {
    const next = mulberry32(5);
    const missed: unknown[] = [];
    for (let i = 0; i < 20_000; i++) {
      const patient = { latitude: 41 + next() * 10, longitude: -5 + next() * 14 };
      const radiusKm = 1 + next() * 99;
      const range = cellsAround(patient.latitude, patient.longitude, radiusKm);
      // Mostly near the edge of the radius, where a cell is easiest to miss.
      const place = destination(patient, next() * 360, radiusKm * (next() < 0.8 ? 1 - next() * 1e-3 : next()));
      if (distanceKm(patient, place) > radiusKm) continue;
      const cell = cellOf(place.latitude, place.longitude);
      if (!inRange(cell, range)) missed.push({ patient, radiusKm, place });
      if (i % 1000 === 0) {
        expect(cellsIn(range)).toContain(cell);
        expect(cellsIn(range)).toHaveLength(cellCount(range));
      }
    }
    expect(missed).toEqual([]);
  });

  it('covers the cell just past the edge of the square when the circle reaches into it', () => {
    // 100 km due north from here ends 3 m past a cell border (100 km is 0.89932° of latitude).
    const patient = { latitude: 49 - 0.89932 + 0.00003, longitude: 2.35 };
    const north = destination(patient, 0, 99.9999);
    expect(distanceKm(patient, north)).toBeLessThanOrEqual(100);
    expect(inRange(cellOf(north.latitude, north.longitude), cellsAround(patient.latitude, patient.longitude, 100))).toBe(true);
    // Due east at 49° N, the great circle reaches about 10 m further in longitude than 100 km
    // along the parallel: from here it ends 1 m past the border at 3° E.
    const reach = destination({ latitude: 49, longitude: 0 }, 90, 100).longitude;
    const eastern = { latitude: 49, longitude: 3 + 1e-5 - reach };
    const east = destination(eastern, 90, 99.9999);
    expect(distanceKm(eastern, east)).toBeLessThanOrEqual(100);
    expect(inRange(cellOf(east.latitude, east.longitude), cellsAround(eastern.latitude, eastern.longitude, 100))).toBe(true);
  });
});
