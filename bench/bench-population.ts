import { communeDraw, regionCommunes } from '@sas/simulation';
import { randomUUID } from 'node:crypto';
import type { SlotState } from '../apps/matching/src/index/slot-index';

export type BenchMode = 'AMB' | 'VR' | 'HH';

export interface BenchPractitioner {
  id: string;
  placeId: string;
  communeCode: string;
  latitude: number;
  longitude: number;
  modes: BenchMode[];
  homeVisitRadiusKm?: number;
}

/**
 * The benchmarks' Île-de-France: practitioners placed like the population (within about
 * a kilometre of their commune's centre), some by video or at home, and patients drawn
 * the same way. Deterministic for the random source given.
 */
export function benchPopulation(random: () => number) {
  const drawCommune = communeDraw(regionCommunes('11'), random);
  const near = () => {
    const c = drawCommune();
    return {
      communeCode: c.code,
      latitude: c.centre.latitude + (random() - 0.5) * 0.02,
      longitude: c.centre.longitude + (random() - 0.5) * 0.03,
    };
  };
  return {
    practitioners: (count: number): BenchPractitioner[] =>
      Array.from({ length: count }, () => ({
        id: randomUUID(),
        placeId: randomUUID(),
        ...near(),
        modes: (random() < 0.2 ? ['AMB', 'VR'] : random() < 0.1 ? ['AMB', 'HH'] : ['AMB']) as BenchMode[],
        homeVisitRadiusKm: random() < 0.3 ? 5 : undefined,
      })),
    /** A 15-minute GP slot of `p` in the 14 days from `from` (ms), half SNP, a share accepting patients beyond it. */
    slot: (p: BenchPractitioner, from: number, acceptsBeyondShare = 0): SlotState => {
      const start = from + Math.floor(random() * 14 * 96) * 15 * 60_000;
      return {
        slotId: randomUUID(),
        ownerId: p.id,
        practitionerId: p.id,
        profession: 'general-practitioner',
        specialties: ['SM54'],
        place: {
          placeId: p.placeId,
          communeCode: p.communeCode,
          latitude: p.latitude,
          longitude: p.longitude,
          ...(p.homeVisitRadiusKm ? { homeVisitRadiusKm: p.homeVisitRadiusKm } : {}),
        },
        start: new Date(start).toISOString(),
        end: new Date(start + 15 * 60_000).toISOString(),
        visibility: random() < 0.5 ? ['SNP'] : ['PUBLIC', 'PRO'],
        modes: p.modes,
        appointmentType: 'ROUTINE',
        acceptsBeyondSlots: acceptsBeyondShare > 0 && random() < acceptsBeyondShare,
        revision: 1,
      };
    },
    patient: () => {
      const { latitude, longitude } = near();
      return { latitude, longitude };
    },
  };
}
