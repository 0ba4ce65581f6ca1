import { CustomDecorator, SetMetadata } from '@nestjs/common';
import { Forbidden } from '@sas/platform';
import { CLAIMS, Principal, RegulatorFunction } from '../principal';

/**
 * What each regulator function may do outside a case file, in every service that admits
 * regulators: the same functions as the case actions of orientation that lead there
 * (a call-taker opens and triages; searching and booking are the GP regulator's and the
 * SNP operator's, and their supervisor's). Orientation's case workflow uses these lists
 * for its own search and orientation steps.
 */
export const REGULATOR_FUNCTIONS_FOR = {
  search: ['snp-operator', 'gp-regulator', 'supervisor'],
  book: ['gp-regulator', 'snp-operator', 'supervisor'],
} as const satisfies Record<string, readonly RegulatorFunction[]>;
export type RegulatorCapability = keyof typeof REGULATOR_FUNCTIONS_FOR;

/** Refuses (403) a regulator whose function may not do this, or who does not work for the territory, when one is given. */
export function assertRegulatorMay(principal: Principal, capability: RegulatorCapability, territory?: string): void {
  if (principal.role !== 'regulator') return;
  const fn = principal.regulatorFunction;
  if (!fn) throw new Forbidden(`the token names no regulator function (${CLAIMS.regulatorFunction})`);
  const allowed: readonly RegulatorFunction[] = REGULATOR_FUNCTIONS_FOR[capability];
  if (!allowed.includes(fn)) throw new Forbidden(`a ${fn} may not ${capability}; allowed functions: ${allowed.join(', ')}`);
  if (territory !== undefined && !principal.territories.includes(territory)) {
    throw new Forbidden(`regulator ${principal.subject} does not work for territory ${territory}`);
  }
}

export const REGULATOR_CAPABILITY_KEY = 'sas:regulator-capability';

/**
 * The regulator functions an endpoint admits, checked by the auth guard before the
 * handler (the territory, when it depends on the data, is checked where the data is read).
 */
export const RegulatorMay = (capability: RegulatorCapability): CustomDecorator =>
  SetMetadata(REGULATOR_CAPABILITY_KEY, capability);
