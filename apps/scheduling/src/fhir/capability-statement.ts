import { Profiles } from './sas-codes';
import { ACTOR_PARAM } from './slot-search-params';

/**
 * What this FHIR endpoint does, as the guide's CapabilityStatement
 * SAS-GestionnaireAgenda-PsIndiv frames it for an agenda holder: read and search of Slot
 * (search by start, status and practitioner, with Schedule and its actors included).
 */
export function capabilityStatement(baseUrl: string, software: { name: string; version: string }) {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: '2026-12-04',
    kind: 'instance',
    software,
    implementation: { description: 'SAS regional scheduling: slots of practitioners for the regulators', url: baseUrl },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json'],
    instantiates: ['https://interop.esante.gouv.fr/ig/fhir/sas/CapabilityStatement/SAS-GestionnaireAgenda-PsIndiv'],
    rest: [
      {
        mode: 'server',
        resource: [
          {
            type: 'Slot',
            supportedProfile: [Profiles.slot],
            interaction: [{ code: 'read' }, { code: 'search-type' }],
            searchInclude: ['Slot:schedule'],
            searchParam: [
              { name: 'start', definition: 'http://hl7.org/fhir/SearchParameter/Slot-start', type: 'date' },
              { name: 'status', definition: 'http://hl7.org/fhir/SearchParameter/Slot-status', type: 'token' },
              {
                name: ACTOR_PARAM.split(':')[0],
                definition: 'http://hl7.org/fhir/SearchParameter/Slot-schedule',
                type: 'reference',
              },
              { name: '_count', type: 'number' },
            ],
          },
          { type: 'Schedule', supportedProfile: [Profiles.schedule], searchInclude: ['Schedule:actor'] },
        ],
      },
    ],
  };
}
