/** The few FHIR R4 shapes the SAS slot exchange uses (no more than the guide needs). */

export interface Coding {
  system?: string;
  code?: string;
  display?: string;
}

export interface CodeableConcept {
  coding?: Coding[];
  text?: string;
}

export interface Identifier {
  type?: CodeableConcept;
  system?: string;
  value?: string;
}

export interface Reference {
  reference?: string;
  identifier?: Identifier;
}

export interface Meta {
  profile?: string[];
  security?: Coding[];
  lastUpdated?: string;
}

export interface Resource {
  resourceType: string;
  id?: string;
  meta?: Meta;
  contained?: Resource[];
}

export interface Slot extends Resource {
  resourceType: 'Slot';
  identifier?: Identifier[];
  serviceType?: CodeableConcept[];
  specialty?: CodeableConcept[];
  appointmentType?: CodeableConcept;
  schedule: Reference;
  status: 'free' | 'busy' | 'busy-unavailable' | 'busy-tentative' | 'entered-in-error';
  start: string;
  end: string;
  comment?: string;
}

export interface Schedule extends Resource {
  resourceType: 'Schedule';
  actor: Reference[];
}

export interface Practitioner extends Resource {
  resourceType: 'Practitioner';
  identifier: Identifier[];
  name?: { family?: string; given?: string[] }[];
}

export interface Address {
  line?: string[];
  city?: string;
  postalCode?: string;
}

export interface Location extends Resource {
  resourceType: 'Location';
  identifier?: Identifier[];
  name?: string;
  address?: Address;
  position?: { latitude: number; longitude: number };
  telecom?: ContactPoint[];
  /** The SOS Médecins association running the place (FrLocationAgregateurSOS). */
  managingOrganization?: Reference;
}

export interface ContactPoint {
  system?: string;
  value?: string;
  use?: string;
}

export interface PractitionerRole extends Resource {
  resourceType: 'PractitionerRole';
  practitioner?: Reference;
  organization?: Reference;
  location?: Reference[];
  telecom?: ContactPoint[];
}

export interface BundleEntry {
  fullUrl?: string;
  resource?: Resource;
  search?: { mode: 'match' | 'include' | 'outcome' };
}

export interface Bundle extends Resource {
  resourceType: 'Bundle';
  type: 'searchset' | 'collection' | 'transaction' | 'batch';
  total?: number;
  link?: { relation: string; url: string }[];
  entry?: BundleEntry[];
}

export interface OperationOutcomeIssue {
  severity: 'error' | 'warning' | 'information';
  code: string;
  diagnostics: string;
  expression?: string[];
}

export interface OperationOutcome extends Resource {
  resourceType: 'OperationOutcome';
  issue: OperationOutcomeIssue[];
}
