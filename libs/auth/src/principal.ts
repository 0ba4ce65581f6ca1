/** The kinds of users of the SAS, plus the services calling each other. */
export const ROLES = ['practice', 'vendor', 'regulator', 'bi', 'admin', 'service'] as const;
export type Role = (typeof ROLES)[number];

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
  /** Practices: the RPPS numbers they act for. */
  practitionerRpps: string[];
  /** Practices: the SIRET or FINESS numbers of the structures they act for. */
  structureIds: string[];
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
} as const;
