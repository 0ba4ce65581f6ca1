/** The kinds of users of the SAS, plus the services calling each other. */
export const ROLES = ['practice', 'secretariat', 'cpts-coordinator', 'vendor', 'regulator', 'bi', 'admin', 'service'] as const;
export type Role = (typeof ROLES)[number];

/**
 * The roles that act for the practitioners and structures their token names: a practice, or
 * a shared secretariat booking for several practices. Endpoints a practice may call list
 * these (`@Roles(...PRACTICE_SIDE, …)`), so a new practice-side role changes one line.
 */
export const PRACTICE_SIDE = ['practice', 'secretariat'] as const satisfies readonly Role[];

/** The practice side, plus a CPTS coordinator who reads (never writes) its members' agendas. */
export const AGENDA_READERS = [...PRACTICE_SIDE, 'cpts-coordinator'] as const satisfies readonly Role[];

/** Whether the principal acts for the practitioners and structures its token names (PRACTICE_SIDE). */
export function actsAsPractice(principal: Pick<Principal, 'role'>): boolean {
  return (PRACTICE_SIDE as readonly Role[]).includes(principal.role);
}

/** What a regulator does in the regulation chain. */
export const REGULATOR_FUNCTIONS = ['call-taker', 'gp-regulator', 'snp-operator', 'supervisor'] as const;
export type RegulatorFunction = (typeof REGULATOR_FUNCTIONS)[number];

/** Who is calling, as the verified bearer token says. */
export interface Principal {
  /** The identity provider's subject (for regulators: the account's national or local id). */
  subject: string;
  role: Role;
  /** Regulators: their function in the chain. */
  regulatorFunction?: RegulatorFunction;
  /** Regulators and supervisors: SAS territories (département codes) they work for. */
  territories: string[];
  /** Practices and secretariats: the RPPS numbers they act for. */
  practitionerRpps: string[];
  /** Practices and secretariats: the SIRET or FINESS numbers of the structures they act for. */
  structureIds: string[];
  /** CPTS coordinators: the id of their CPTS (as registered in scheduling). */
  cptsId?: string;
  /** Vendors: their vendor id. */
  vendorId?: string;
  /** The bearer token itself, forwarded when a service calls another for this user. */
  token: string;
}

/** JWT claims carrying a principal (besides `sub`). */
export const CLAIMS = {
  role: 'sas_role',
  regulatorFunction: 'sas_function',
  territories: 'sas_territories',
  practitionerRpps: 'sas_rpps',
  structureIds: 'sas_structures',
  vendorId: 'sas_vendor',
  cptsId: 'sas_cpts',
} as const;
