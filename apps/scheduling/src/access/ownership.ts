import { actsAsPractice, Principal } from '@sas/auth';
import { Forbidden } from '@sas/platform';

interface Queryable {
  query(sql: string, params?: unknown[]): Promise<Record<string, string | string[] | null>[]>;
}

/** Whose agenda a resource belongs to: a practitioner or a structure (directory ids). */
export interface Owner {
  practitionerId?: string | null;
  structureId?: string | null;
}

/** The national identifiers (RPPS/ADELI, SIRET/FINESS) of an owner, as the directory knows them. */
export async function identifiersOf(db: Queryable, owner: Owner): Promise<string[]> {
  return (await partiesOf(db, owner)).flat();
}

/**
 * The parties of an owner, each as its own list of national identifiers: the practitioner
 * (RPPS, ADELI) and the structure (SIRET, FINESS). An id the directory does not know gives
 * no party (the write that names it is refused as invalid input elsewhere).
 */
export async function partiesOf(db: Queryable, owner: Owner): Promise<string[][]> {
  const parties: string[][] = [];
  const known = (row: Record<string, string | string[] | null>, ...columns: string[]) =>
    columns.map((c) => row[c]).filter((id): id is string => typeof id === 'string' && !!id);
  if (owner.practitionerId) {
    for (const r of await db.query(`SELECT rpps, adeli FROM scheduling.practitioner WHERE id = $1`, [owner.practitionerId]))
      parties.push(known(r, 'rpps', 'adeli'));
  }
  if (owner.structureId) {
    for (const r of await db.query(`SELECT siret, finess FROM scheduling.structure WHERE id = $1`, [owner.structureId]))
      parties.push(known(r, 'siret', 'finess'));
  }
  return parties;
}

/** Whether the principal's token names one of these identifiers as its own. */
export function actsFor(principal: Principal, identifiers: string[]): boolean {
  return identifiers.some((id) => principal.practitionerRpps.includes(id) || principal.structureIds.includes(id));
}

/**
 * Whether the principal acts for every party a write resolves to. One own identifier
 * among several parties is not enough: a slot naming another practice's practitioner,
 * structure or place would become theirs.
 */
export function actsForAll(principal: Principal, parties: string[][]): boolean {
  return parties.every((identifiers) => actsFor(principal, identifiers));
}

/**
 * A practice (or a secretariat, for the practices it serves) acts only on its own agenda;
 * other roles the endpoint admits pass (their own limits are checked where they apply).
 * Refused → 403 naming the resource and why. An existing
 * resource is the practice's when one of its parties is (a structure's slot is every
 * member's); a new one must be wholly the caller's (AgendaAccess.owners).
 */
export async function assertOwnAgenda(db: Queryable, principal: Principal, owner: Owner, what: string): Promise<void> {
  // A coordinator reaches this only on reads: no endpoint that writes admits its role.
  if (principal.role === 'cpts-coordinator') return assertCptsMember(db, principal, owner, what);
  if (!actsAsPractice(principal)) return;
  if (!actsFor(principal, await identifiersOf(db, owner)))
    throw new Forbidden(`${what} belongs to another practitioner or structure${notNamed(principal)}`);
}

/** A new resource (slot, rule, place): the practice must act for each party it names. */
export async function assertOwnsAll(db: Queryable, principal: Principal, parties: string[][], what: string): Promise<void> {
  if (principal.role === 'cpts-coordinator') throw new Forbidden("a CPTS coordinator reads its members' agendas and writes none");
  if (!actsAsPractice(principal)) return;
  if (!actsForAll(principal, parties))
    throw new Forbidden(`${what} names a practitioner, structure or place of another practice${notNamed(principal)}`);
}

/** A CPTS coordinator reads the agenda of its CPTS's members (as registered now), no one else's. */
async function assertCptsMember(db: Queryable, principal: Principal, owner: Owner, what: string): Promise<void> {
  const [cpts] = await db.query(`SELECT practitioner_rpps, structure_ids FROM scheduling.cpts WHERE id = $1`, [
    principal.cptsId ?? '',
  ]);
  const members = cpts ? [...(cpts.practitioner_rpps as string[]), ...(cpts.structure_ids as string[])] : [];
  if (!(await identifiersOf(db, owner)).some((id) => members.includes(id)))
    throw new Forbidden(`${what} belongs to no member of CPTS ${principal.cptsId}`);
}

/** Why a practice-side caller is refused: its token does not name the owner. */
function notNamed(principal: Principal): string {
  return `: the ${principal.role}'s token does not name it (it acts for ${
    [...principal.practitionerRpps, ...principal.structureIds].join(', ') || 'no one'
  })`;
}
