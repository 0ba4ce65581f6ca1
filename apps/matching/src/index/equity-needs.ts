import { AccessibilityNeedCode, CoverStatusCode } from '@sas/contracts';
import type { SlotPlace } from './slot-profile';

/**
 * What a patient needs of a place beyond distance and time (a case's equity needs, as its
 * search passes them): the language they speak when they need an interpreter, their health
 * cover, their accessibility needs. Codes only, nothing about the patient themselves.
 */
export interface EquityNeeds {
  /** ISO 639 code of the language the patient needs an interpreter for. */
  interpreterFor?: string;
  cover?: CoverStatusCode;
  accessibility?: readonly AccessibilityNeedCode[];
}

/**
 * Whether the place can see this patient. An interpreter need is met by a place that
 * speaks the language or calls on an interpreter; AME or no open rights need a place that
 * treats without cover (most practices send them away, which is why the SAS asks);
 * C2S needs a place under convention (sector 3 may bill above the tariff, which C2S forbids);
 * each accessibility need must be one the place is equipped for.
 */
export function servesNeeds(place: SlotPlace, needs: EquityNeeds): boolean {
  if (needs.interpreterFor && !speaks(place, needs.interpreterFor) && !place.interpreting) return false;
  switch (needs.cover) {
    case 'ame':
    case 'none':
      if (!place.treatsWithoutCover) return false;
      break;
    case 'c2s':
      if (place.conventionSector === '3') return false;
      break;
    case 'ordinary':
    case undefined:
      break;
  }
  for (const need of needs.accessibility ?? []) if (!equippedFor(place, need)) return false;
  return true;
}

/** Whether the place's practitioners speak the language themselves (no interpreter in between). */
export function speaks(place: Pick<SlotPlace, 'languages'>, language: string): boolean {
  return (place.languages ?? []).includes(language);
}

function equippedFor(place: SlotPlace, need: AccessibilityNeedCode): boolean {
  if (need === 'wheelchair' && place.wheelchairAccessible) return true;
  return (place.accessibility ?? []).includes(need);
}
