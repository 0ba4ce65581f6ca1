import { epciOfCommune } from '@sas/referentials';
import { expectStatus, ServiceUrls } from './api-client';
import { Booking } from './regulation-run';

interface Counts {
  booked: number;
  honoured: number;
}

/** Expected (the simulation's) and measured (the API's, after minus before) counts of one pair or EPCI. */
export interface TerritoryAgreement {
  key: string;
  expected: Counts;
  measured: Counts;
}

export interface TerritoryComparison {
  /** Origin–destination pairs (commune → commune) the simulation booked, and its bookings. */
  pairs: number;
  bookings: number;
  /** The pairs whose counts differ (none when they agree). */
  pairsDisagreeing: TerritoryAgreement[];
  /** Bookings and honoured ones per EPCI of the patient's commune, every EPCI seen. */
  epci: TerritoryAgreement[];
  agree: boolean;
}

export type TerritoryCounts = { pairs: Map<string, Counts>; epci: Map<string, Counts> };

/**
 * The simulation's own counts of its bookings per origin (the case's commune) and
 * destination (the chosen slot's place), and per EPCI of the origin, to compare with
 * GET /indicators/origin-destination and GET /indicators?groupBy=epci.
 */
export class TerritoryTally {
  readonly counts: TerritoryCounts = { pairs: new Map(), epci: new Map() };

  booked(booking: Booking): void {
    for (const c of this.of(booking)) c.booked++;
  }

  honoured(booking: Booking): void {
    for (const c of this.of(booking)) c.honoured++;
  }

  private of(booking: Booking): Counts[] {
    const epci = epciOfCommune(booking.origin) ?? `no-epci:${booking.origin}`;
    return [entry(this.counts.pairs, `${booking.origin}>${booking.destination}`), entry(this.counts.epci, epci)];
  }
}

/** The API's counts of the days, for every pair and every EPCI of the region. */
export async function readTerritoryCounts(
  urls: ServiceUrls,
  token: string,
  days: { from: string; to: string },
  region: string,
): Promise<TerritoryCounts> {
  const range = `from=${days.from}&to=${days.to}`;
  const od = await expectStatus<{ rows: { origin: string; destination: string; booked: number; honoured: number }[] }>(
    200,
    'GET',
    `${urls.indicators}/indicators/origin-destination?${range}&level=commune&limit=10000`,
    token,
  );
  const byEpci = await expectStatus<{ rows: Record<string, unknown>[] }>(
    200,
    'GET',
    `${urls.indicators}/indicators?${range}&region=${region}&groupBy=epci`,
    token,
  );
  const counts: TerritoryCounts = { pairs: new Map(), epci: new Map() };
  for (const row of od.rows) {
    const c = entry(counts.pairs, `${row.origin}>${row.destination}`);
    c.booked += row.booked;
    c.honoured += row.honoured;
  }
  for (const row of byEpci.rows) {
    const c = entry(counts.epci, String(row.epci));
    c.booked += Number(row.snp_consultations_booked) || 0;
    c.honoured += Number(row.snp_consultations_honoured) || 0;
  }
  return counts;
}

/** Expected vs measured (after minus before) for every pair and EPCI either side knows. */
export function compareTerritories(tally: TerritoryTally, before: TerritoryCounts, after: TerritoryCounts): TerritoryComparison {
  const agreements = (kind: keyof TerritoryCounts) =>
    [...new Set([...tally.counts[kind].keys(), ...after[kind].keys()])].sort().map((key) => {
      const was = before[kind].get(key);
      const now = after[kind].get(key);
      const measured = { booked: (now?.booked ?? 0) - (was?.booked ?? 0), honoured: (now?.honoured ?? 0) - (was?.honoured ?? 0) };
      return { key, expected: tally.counts[kind].get(key) ?? { booked: 0, honoured: 0 }, measured };
    });
  const same = (a: TerritoryAgreement) => a.expected.booked === a.measured.booked && a.expected.honoured === a.measured.honoured;
  const pairs = agreements('pairs');
  const epci = agreements('epci');
  return {
    pairs: tally.counts.pairs.size,
    bookings: [...tally.counts.pairs.values()].reduce((n, c) => n + c.booked, 0),
    pairsDisagreeing: pairs.filter((a) => !same(a)),
    epci,
    agree: pairs.every(same) && epci.every(same),
  };
}

function entry(map: Map<string, Counts>, key: string): Counts {
  let counts = map.get(key);
  if (!counts) map.set(key, (counts = { booked: 0, honoured: 0 }));
  return counts;
}
