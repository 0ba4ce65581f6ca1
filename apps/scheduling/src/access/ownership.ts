import { Principal } from '@sas/auth';
import { Forbidden } from '@sas/platform';

interface Queryable {
  query(sql: string, params?: unknown[]): Promise<Record<string, string | null>[]>;
}

/** Whose agenda a resource belongs to: a practitioner or a structure (directory ids). */
export interface Owner {
  practitionerId?: string | null;
  structureId?: string | null;
}

/** The national identifiers (RPPS/ADELI, SIRET/FINESS) of an owner, as the directory knows them. */
export async function identifiersOf(db: Queryable, owner: Owner): Promise<string[]> {
  const ids: (string | null)[] = [];
  if (owner.practitionerId) {
    for (const r of await db.query(`SELECT rpps, adeli FROM scheduling.practitioner WHERE id = $1`, [owner.practitionerId])) ids.push(r.rpps, r.adeli);
  }
  if (owner.structureId) {
    for (const r of await db.query(`SELECT siret, finess FROM scheduling.structure WHERE id = $1`, [owner.structureId])) ids.push(r.siret, r.finess);
  }
  return ids.filter((id): id is string => !!id);
}

/** Whether the principal's token names one of these identifiers as its own. */
export function actsFor(principal: Principal, identifiers: string[]): boolean {
  return identifiers.some((id) => principal.practitionerRpps.includes(id) || principal.structureIds.includes(id));
}

/**
 * A practice acts only on its own agenda; other roles the endpoint admits pass (their own
 * limits are checked where they apply). Refused → 403 naming the resource.
 */
export async function assertOwnAgenda(db: Queryable, principal: Principal, owner: Owner, what: string): Promise<void> {
  if (principal.role !== 'practice') return;
  if (!actsFor(principal, await identifiersOf(db, owner))) throw new Forbidden(`${what} belongs to another practitioner or structure`);
}
