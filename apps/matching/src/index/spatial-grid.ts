// Cells of 0.05° of latitude (~5.6 km) by 0.075° of longitude (~5.5 km in France).
const LAT_STEP = 0.05;
const LON_STEP = 0.075;
const KM_PER_DEGREE_LAT = 111.2;

/**
 * Ids bucketed by position on a fixed grid, so a search near a point looks at the few
 * cells around it instead of every slot. `near` returns a superset of the ids within
 * the radius: the caller still measures exact distances.
 */
export class SpatialGrid {
  private readonly cells = new Map<string, Set<string>>();

  add(id: string, latitude: number, longitude: number): void {
    const key = cellKey(cellOf(latitude, LAT_STEP), cellOf(longitude, LON_STEP));
    let cell = this.cells.get(key);
    if (!cell) this.cells.set(key, (cell = new Set()));
    cell.add(id);
  }

  remove(id: string, latitude: number, longitude: number): void {
    const key = cellKey(cellOf(latitude, LAT_STEP), cellOf(longitude, LON_STEP));
    const cell = this.cells.get(key);
    if (!cell) return;
    cell.delete(id);
    if (cell.size === 0) this.cells.delete(key);
  }

  /** Ids in the cells overlapping the square around the point that holds the radius. */
  *near(latitude: number, longitude: number, radiusKm: number): Generator<string> {
    const dLat = radiusKm / KM_PER_DEGREE_LAT;
    const dLon = radiusKm / (KM_PER_DEGREE_LAT * Math.max(0.01, Math.cos((latitude * Math.PI) / 180)));
    for (let y = cellOf(latitude - dLat, LAT_STEP); y <= cellOf(latitude + dLat, LAT_STEP); y++) {
      for (let x = cellOf(longitude - dLon, LON_STEP); x <= cellOf(longitude + dLon, LON_STEP); x++) {
        const cell = this.cells.get(cellKey(y, x));
        if (cell) yield* cell;
      }
    }
  }
}

function cellOf(value: number, step: number): number {
  return Math.floor(value / step);
}

function cellKey(y: number, x: number): string {
  return `${y}:${x}`;
}
