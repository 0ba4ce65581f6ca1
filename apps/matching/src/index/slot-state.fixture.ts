import { randomUUID } from 'node:crypto';
import { SlotState } from './slot-profile';

/** Tests' reference instant: slots start at it unless told otherwise. */
export const FIXTURE_BASE_MS = Date.parse('2026-11-23T09:00:00Z');

/** A 15-minute SNP general-practice slot of a new owner at a new place, for tests. */
export function slotState(overrides: Partial<SlotState> = {}): SlotState {
  return {
    slotId: randomUUID(),
    ownerId: randomUUID(),
    profession: 'general-practitioner',
    specialties: ['SM54'],
    place: { placeId: randomUUID(), communeCode: '92044' },
    start: new Date(FIXTURE_BASE_MS).toISOString(),
    end: new Date(FIXTURE_BASE_MS + 15 * 60_000).toISOString(),
    visibility: ['SNP'],
    modes: ['AMB'],
    appointmentType: 'ROUTINE',
    acceptsBeyondSlots: false,
    revision: 1,
    ...overrides,
  } as SlotState;
}
