import { withLuhnDigit } from '@sas/referentials';
import { Caller, RunningService } from './running-service';
import { practiceToken } from './tokens';

/** An RPPS number with a valid Luhn check digit, made from any 10-digit stem. */
export function rpps(stem: number): string {
  return withLuhnDigit(String(stem).padStart(10, '0').slice(-10));
}

/** A SIRET with a valid Luhn check digit, made from any 13-digit stem. */
export function siret(stem: number): string {
  return withLuhnDigit(String(stem).padStart(13, '0'));
}

let next = Math.floor(Math.random() * 1e8);

/**
 * Registers a practitioner and one place of consultation through scheduling's API, as the
 * practice itself; `practice` makes further requests with that practice's token.
 */
export async function practitionerWithPlace(
  scheduling: RunningService,
  communeCode = '92044',
  names: { familyName?: string; givenName?: string } = {},
): Promise<{ practitionerId: string; rpps: string; placeId: string; practice: Caller }> {
  const number = rpps(1_000_000_000 + next++);
  const practice = scheduling.as(await practiceToken({ rpps: [number] }));
  const practitioner = await practice
    .post('/practitioners')
    .send({ rpps: number, profession: 'general-practitioner', specialties: ['SM54'], ...names })
    .expect(201);
  const place = await practice
    .post('/places')
    .send({ practitionerId: practitioner.body.id, communeCode, latitude: 48.8939, longitude: 2.2879, languages: ['fr'] })
    .expect(201);
  return { practitionerId: practitioner.body.id as string, rpps: number, placeId: place.body.id as string, practice };
}

/** A slot starting `inMinutes` from now, lasting `minutes`. */
export function slotBody(owner: { practitionerId: string; placeId: string }, inMinutes = 60, minutes = 20) {
  const start = new Date(Date.now() + inMinutes * 60_000);
  return {
    practitionerId: owner.practitionerId,
    placeId: owner.placeId,
    start: start.toISOString(),
    end: new Date(start.getTime() + minutes * 60_000).toISOString(),
    visibility: ['SNP'],
    modes: ['AMB', 'VR'],
  };
}
