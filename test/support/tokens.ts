import { RegulatorFunction, signDevelopmentToken, TokenRequest } from '@sas/auth';
import { randomUUID } from 'node:crypto';

/** Bearer tokens signed with the development key, as `npm run token` makes them. */
export const tokenFor = (request: TokenRequest): Promise<string> => signDevelopmentToken(request);

export const practiceToken = (ids: { rpps?: string[]; structures?: string[] }) =>
  tokenFor({ role: 'practice', practitionerRpps: ids.rpps, structureIds: ids.structures });

/** A regulator: its subject opens its account on first sight (a fresh one unless given). */
export const regulatorToken = (
  territories: string[] = ['92'],
  regulatorFunction: RegulatorFunction = 'gp-regulator',
  subject = `regulator-${randomUUID()}`,
) => tokenFor({ role: 'regulator', regulatorFunction, territories, subject });

export const adminToken = () => tokenFor({ role: 'admin', subject: 'admin-1' });
export const biToken = () => tokenFor({ role: 'bi', subject: 'bi-1' });
export const vendorToken = (vendorId: string) => tokenFor({ role: 'vendor', vendorId, subject: `vendor:${vendorId}` });
