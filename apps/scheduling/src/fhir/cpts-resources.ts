import { CodeableConcept, ContactPoint, Resource } from './fhir-types';
import { IDNST_SYSTEM } from './sas-codes';

const CPTS = 'https://interop.esante.gouv.fr/ig/fhir/sas/StructureDefinition';
export const CptsProfiles = {
  bundle: `${CPTS}/sas-cpts-bundle-aggregator`,
  slot: `${CPTS}/sas-cpts-slot-aggregator`,
  healthcareService: `${CPTS}/sas-cpts-healthcareservice-aggregator`,
  organization: `${CPTS}/sas-cpts-organization-aggregator`,
} as const;

/** The R5 Slot.serviceType reference the guide carries as an extension on R4 (its SASServiceTypeR5). */
export const SERVICE_TYPE_R5_URL = 'http://hl7.org/fhir/5.0/StructureDefinition/extension-Slot.serviceType';
/** TRE_R66 establishment category 604: CPTS. */
export const ESTABLISHMENT_CATEGORY_SYSTEM =
  'https://mos.esante.gouv.fr/NOS/TRE_R66-CategorieEtablissement/FHIR/TRE-R66-CategorieEtablissement';
export const CPTS_CATEGORY = '604';
/**
 * The identifier type system the CPTS Organization profile fixes: fr-core's own canonical,
 * where the PS profiles use Interop'Santé's (IDENTIFIER_TYPE_SYSTEM); the guide uses both.
 */
export const FR_CORE_IDENTIFIER_TYPE_SYSTEM = 'https://hl7.fr/ig/fhir/core/CodeSystem/fr-core-cs-v2-0203';
/** The slot type (TRE_R314) of a slot shared with a CPTS. */
export const CPTS_SLOT_TYPE = 'CPTS';

/** A CPTS a slot is shared with: its FINESS (9 characters, without the IDNST prefix 1), name and telecom. */
export interface CptsLink {
  finess: string;
  name?: string;
  telecom?: ContactPoint[];
}

const healthcareServiceId = (cpts: CptsLink) => `cpts-${cpts.finess}`;
const organizationId = (cpts: CptsLink) => `cpts-${cpts.finess}-organization`;

/** The serviceType entry that points a slot at the CPTS's HealthcareService. */
export function cptsServiceType(cpts: CptsLink): CodeableConcept & { extension: object[] } {
  return {
    extension: [{ url: SERVICE_TYPE_R5_URL, valueReference: { reference: `HealthcareService/${healthcareServiceId(cpts)}` } }],
    coding: [{ system: ESTABLISHMENT_CATEGORY_SYSTEM, code: CPTS_CATEGORY }],
  };
}

export function cptsHealthcareServiceResource(cpts: CptsLink): Resource {
  return {
    resourceType: 'HealthcareService',
    id: healthcareServiceId(cpts),
    meta: { profile: [CptsProfiles.healthcareService] },
    providedBy: { reference: `Organization/${organizationId(cpts)}` },
  } as Resource;
}

export function cptsOrganizationResource(cpts: CptsLink): Resource {
  return {
    resourceType: 'Organization',
    id: organizationId(cpts),
    meta: { profile: [CptsProfiles.organization] },
    identifier: [
      {
        type: { coding: [{ system: FR_CORE_IDENTIFIER_TYPE_SYSTEM, code: 'IDNST' }] },
        system: IDNST_SYSTEM,
        value: `1${cpts.finess}`,
      },
    ],
    ...(cpts.name && { name: cpts.name }),
    ...(cpts.telecom?.length && { telecom: cpts.telecom }),
  } as Resource;
}

/**
 * The CPTS a vendor's serviceType entry names, through the HealthcareService its extension
 * references and that service's providedBy Organization (IDNST: 1 + FINESS).
 */
export function cptsOfServiceType(
  entry: { extension?: { url?: string; valueReference?: { reference?: string } }[] },
  resolve: (ref: string) => Resource | undefined,
): CptsLink | { reason: string } | undefined {
  const reference = entry.extension?.find((e) => e.url === SERVICE_TYPE_R5_URL)?.valueReference?.reference;
  if (!reference) return undefined;
  const service = resolve(reference) as { providedBy?: { reference?: string } } | undefined;
  if (!service) return { reason: `the HealthcareService ${reference} is not in the Bundle` };
  const organization = service.providedBy?.reference
    ? (resolve(service.providedBy.reference) as
        { identifier?: { system?: string; value?: string }[]; name?: string; telecom?: ContactPoint[] } | undefined)
    : undefined;
  if (!organization) return { reason: `the HealthcareService ${reference} has no providedBy Organization in the Bundle` };
  const idnst = organization.identifier?.find((i) => i.system === IDNST_SYSTEM)?.value;
  if (!idnst || !/^1[0-9A-Z]{9}$/.test(idnst))
    return { reason: `the CPTS of ${reference} needs an IDNST FINESS identifier (${IDNST_SYSTEM}, 1 + 9 characters)` };
  return {
    finess: idnst.slice(1),
    ...(organization.name && { name: organization.name }),
    ...(organization.telecom?.length && { telecom: organization.telecom }),
  };
}
