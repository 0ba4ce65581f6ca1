// Cells of 0.05° of latitude (~5.6 km) by 0.075° of longitude (~5.5 km in France).
const LAT_STEP = 0.05;
const LON_STEP = 0.075;
const KM_PER_DEGREE_LAT = 111.2;
// A cell is numbered (row + Y_OFFSET) × X_SPAN + (column + X_OFFSET): a small integer
// (under 2^26 for any point on Earth), so maps keyed by cell need no strings.
const Y_OFFSET = 2048;
const X_OFFSET = 4096;
const X_SPAN = 8192;

/**
 * The pseudo-cell of slots a search near any point must look at: slots of places without
 * coordinates, and slots whose first mode is video (the ranking decides for those).
 */
export const ANYWHERE = -1;

/** The grid cell holding a point. */
export function cellOf(latitude: number, longitude: number): number {
  return cellNumber(Math.floor(latitude / LAT_STEP), Math.floor(longitude / LON_STEP));
}

/** A rectangle of grid cells, bounds included. */
export interface CellRange {
  y0: number;
  y1: number;
  x0: number;
  x1: number;
}

// The square is widened by 1 %: a degree of latitude is 111.195 km on ranking/geo.ts's
// sphere, not 111.2, and a great circle leaving eastwards bends poleward, reaching a few
// metres further in longitude than the same distance along the parallel (~10 m at 100 km).
const SQUARE_MARGIN = 1.01;

/**
 * The cells overlapping the square around the point that holds the radius: a superset of
 * the cells within the radius (the caller still measures exact distances).
 */
export function cellsAround(latitude: number, longitude: number, radiusKm: number): CellRange {
  const dLat = (radiusKm * SQUARE_MARGIN) / KM_PER_DEGREE_LAT;
  const dLon =
    (radiusKm * SQUARE_MARGIN) / (KM_PER_DEGREE_LAT * Math.max(0.01, Math.cos(((Math.abs(latitude) + dLat) * Math.PI) / 180)));
  return {
    y0: Math.floor((latitude - dLat) / LAT_STEP),
    y1: Math.floor((latitude + dLat) / LAT_STEP),
    x0: Math.floor((longitude - dLon) / LON_STEP),
    x1: Math.floor((longitude + dLon) / LON_STEP),
  };
}

export function cellCount(range: CellRange): number {
  return (range.y1 - range.y0 + 1) * (range.x1 - range.x0 + 1);
}

export function cellsIn(range: CellRange): number[] {
  const cells: number[] = [];
  for (let y = range.y0; y <= range.y1; y++) for (let x = range.x0; x <= range.x1; x++) cells.push(cellNumber(y, x));
  return cells;
}

export function inRange(cell: number, range: CellRange): boolean {
  if (cell === ANYWHERE) return false;
  const y = Math.floor(cell / X_SPAN) - Y_OFFSET;
  const x = (cell % X_SPAN) - X_OFFSET;
  return y >= range.y0 && y <= range.y1 && x >= range.x0 && x <= range.x1;
}

function cellNumber(y: number, x: number): number {
  return (y + Y_OFFSET) * X_SPAN + (x + X_OFFSET);
}

const EARTH_RADIUS_KM = 6371.0088; // as ranking/geo.ts
const RAD = Math.PI / 180;
const MARGIN_DEGREES = 1e-7;

/**
 * A lower bound of the great-circle distance (as ranking/geo.ts measures it) from the
 * point to any point of the cell: the haversine with the smallest latitude and longitude
 * differences the cell allows and the smallest cosine of its latitudes, less a margin
 * for rounding. 0 for ANYWHERE.
 */
export function minDistanceKm(latitude: number, longitude: number, cell: number): number {
  if (cell === ANYWHERE) return 0;
  const y = Math.floor(cell / X_SPAN) - Y_OFFSET;
  const x = (cell % X_SPAN) - X_OFFSET;
  const [lat0, lat1] = [y * LAT_STEP - MARGIN_DEGREES, (y + 1) * LAT_STEP + MARGIN_DEGREES];
  const [lon0, lon1] = [x * LON_STEP - MARGIN_DEGREES, (x + 1) * LON_STEP + MARGIN_DEGREES];
  const dLat = latitude < lat0 ? lat0 - latitude : latitude > lat1 ? latitude - lat1 : 0;
  let dLon = longitude < lon0 ? lon0 - longitude : longitude > lon1 ? longitude - lon1 : 0;
  if (dLon > 179) dLon = 0; // across the antimeridian: no bound from longitude
  const cosMin = Math.max(0, Math.min(Math.cos(lat0 * RAD), Math.cos(lat1 * RAD)));
  const h = Math.sin((dLat * RAD) / 2) ** 2 + Math.cos(latitude * RAD) * cosMin * Math.sin((dLon * RAD) / 2) ** 2;
  return Math.max(0, 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h))) * (1 - 1e-9) - 1e-9);
}
