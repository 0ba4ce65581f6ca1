/**
 * Systems, codes and profiles of the ANS SAS implementation guide (ans.fhir.fr.sas,
 * canonical https://interop.esante.gouv.fr/ig/fhir/sas): profiles FrSlotAgregateur,
 * FrScheduleAgregateur, FrPractitionerAgregateur, FrPractitionerRoleExerciceAgregateur,
 * FrLocationAgregateur, and the PS Indiv examples.
 */
export const IG = 'https://interop.esante.gouv.fr/ig/fhir/sas';

/** The canonical URLs the guide's FSH gives its PS Indiv profiles (`^url`). */
export const Profiles = {
  bundle: 'http://sas.fr/fhir/StructureDefinition/BundleAgregateur',
  slot: 'http://sas.fr/fhir/StructureDefinition/FrSlotAgregateur',
  schedule: 'http://sas.fr/fhir/StructureDefinition/FrScheduleAgregateur',
  practitioner: 'http://sas.fr/fhir/StructureDefinition/FrPractitionerAgregateur',
  practitionerRole: 'http://sas.fr/fhir/StructureDefinition/FrPractitionerRoleExerciceAgregateur',
  location: 'http://sas.fr/fhir/StructureDefinition/FrLocationAgregateur',
} as const;

/** Slot visibility (meta.security), TRE_R314 TypeCreneau: PUBLIC, PRO, SNP. */
export const SLOT_TYPE_SYSTEM = 'https://mos.esante.gouv.fr/NOS/TRE_R314-TypeCreneau/FHIR/TRE-R314-TypeCreneau';
/** Consultation mode (serviceType), ActEncounterCode: AMB, HH, VR. */
export const ACT_CODE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
/** Appointment type: ROUTINE (booked) or WALKIN (no appointment). */
export const APPOINTMENT_TYPE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v2-0276';
/** Ordinal specialties, TRE_R38 (e.g. SM54 general medicine). */
export const SPECIALTY_SYSTEM = 'https://mos.esante.gouv.fr/NOS/TRE_R38-SpecialiteOrdinale/FHIR/TRE-R38-SpecialiteOrdinale';
/** Identifier types (IDNPS for practitioners, IDNST for structures). */
export const IDENTIFIER_TYPE_SYSTEM = 'http://interopsante.org/fhir/CodeSystem/fr-v2-0203';
export const IDNST_SYSTEM = 'urn:oid:1.2.250.1.71.4.2.2';
/** Location identifier types (fr-core): INTRN for an identifier internal to its issuer. */
export const LOCATION_IDENTIFIER_TYPE_SYSTEM = 'http://interopsante.org/fhir/CodeSystem/fr-location-identifier-type';
/** The system of the identifiers we give the places of consultation we host. */
export const PLACE_IDENTIFIER_SYSTEM = 'urn:sas:place';

/** The guide's codes are the contract's vocabulary (libs/contracts). */
export { APPOINTMENT_TYPES, CONSULTATION_MODES as MODES, VISIBILITIES } from '@sas/contracts';
/** Ordinal specialty codes look like SM54, SCD01, SI05…; anything else travels as text. */
export const SPECIALTY_CODE = /^[A-Z]{2,3}\d{2}$/;
