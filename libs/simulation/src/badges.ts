import { signDevelopmentToken } from '@sas/auth';

export type RegulatorSeat = 'call-taker' | 'gp-regulator' | 'snp-operator';

/** Bearer tokens of the regulators on duty and of the practices, minted on demand. */
export interface Badges {
  regulator(territory: string, fn: RegulatorSeat): Promise<string>;
  practice(owner: { system: string; value: string }): Promise<string>;
}

/** A practice's token, naming the practitioner (RPPS) or the structure (SIRET, FINESS) it acts for. */
export function practiceToken(owner: { system: string; value: string }, ttlSeconds?: number): Promise<string> {
  const names = owner.system === 'RPPS' ? { practitionerRpps: [owner.value] } : { structureIds: [owner.value] };
  return signDevelopmentToken({ role: 'practice', subject: `practice:${owner.value}`, ...names, ttlSeconds });
}

/** Tokens minted once per regulator seat and per practice, valid a day. */
export function tokenCache(): Badges & { regulator(territory: string, fn: RegulatorSeat, seat?: number): Promise<string> } {
  const cache = new Map<string, Promise<string>>();
  const once = (key: string, mint: () => Promise<string>) => {
    if (!cache.has(key)) cache.set(key, mint());
    return cache.get(key)!;
  };
  const ttlSeconds = 24 * 3600;
  return {
    regulator: (territory: string, fn: RegulatorSeat, seat = 0) =>
      once(`${fn}:${territory}:${seat}`, () =>
        signDevelopmentToken({
          role: 'regulator',
          regulatorFunction: fn,
          territories: [territory],
          subject: `simulated-${fn}-${territory}-${seat}`,
          ttlSeconds,
        }),
      ),
    practice: (owner) => once(`${owner.system}:${owner.value}`, () => practiceToken(owner, ttlSeconds)),
  };
}
