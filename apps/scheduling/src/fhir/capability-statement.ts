import { CptsProfiles } from './cpts-resources';
import { Profiles } from './sas-codes';
import { SosProfiles } from './sos-resources';
import { APPOINTMENT_PROFILES } from './appointments/appointment-resource';

/**
 * What this FHIR endpoint does, as the guide's CapabilityStatements frame an agenda holder
 * (SAS-GestionnaireAgenda-PsIndiv, -CPTS, -SOS): read and search of Slot, Schedule and
 * Practitioner, with the includes each search of the guide asks for; and as it frames the
 * receiver of vendors' appointments (-RDVpsindiv, -RDVSOS): create and conditional update of Appointment.
 */
export function capabilityStatement(baseUrl: string, software: { name: string; version: string }) {
  const guide = 'https://interop.esante.gouv.fr/ig/fhir/sas/CapabilityStatement';
  const read = [{ code: 'read' }, { code: 'search-type' }];
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: '2026-12-04',
    kind: 'instance',
    software,
    implementation: {
      description: 'SAS regional scheduling: slots of practitioners and structures for the regulators',
      url: baseUrl,
    },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json'],
    instantiates: [
      `${guide}/SAS-GestionnaireAgenda-PsIndiv`,
      `${guide}/SAS-GestionnaireAgenda-CPTS`,
      `${guide}/SAS-GestionnaireAgenda-SOS`,
      `${guide}/SAS-GestionnaireAgenda-RDVpsindiv`,
      `${guide}/SAS-GestionnaireAgenda-RDVSOS`,
    ],
    rest: [
      {
        mode: 'server',
        resource: [
          {
            type: 'Slot',
            supportedProfile: [Profiles.slot, CptsProfiles.slot, SosProfiles.slot],
            interaction: read,
            searchInclude: ['Slot:schedule', 'Schedule:actor', 'Slot:service-type-reference', 'HealthcareService:organization'],
            searchParam: [
              { name: 'start', definition: 'http://hl7.org/fhir/SearchParameter/Slot-start', type: 'date' },
              { name: 'status', definition: 'http://hl7.org/fhir/SearchParameter/Slot-status', type: 'token' },
              { name: 'schedule', definition: 'http://hl7.org/fhir/SearchParameter/Slot-schedule', type: 'reference' },
            ],
          },
          {
            type: 'Schedule',
            supportedProfile: [Profiles.schedule, SosProfiles.schedule],
            interaction: read,
            searchInclude: ['Schedule:actor:Location', 'Location:organization'],
            searchRevInclude: ['Slot:schedule'],
            searchParam: [{ name: 'actor', definition: 'http://hl7.org/fhir/SearchParameter/Schedule-actor', type: 'reference' }],
          },
          {
            type: 'Practitioner',
            supportedProfile: [Profiles.practitioner],
            interaction: read,
            searchParam: [
              { name: 'identifier', definition: 'http://hl7.org/fhir/SearchParameter/Practitioner-identifier', type: 'token' },
            ],
          },
          {
            type: 'Appointment',
            supportedProfile: [APPOINTMENT_PROFILES.sas, APPOINTMENT_PROFILES.sos],
            interaction: [{ code: 'create' }, { code: 'update' }],
            updateCreate: true,
            conditionalUpdate: true,
            searchParam: [
              { name: 'identifier', definition: 'http://hl7.org/fhir/SearchParameter/Appointment-identifier', type: 'token' },
            ],
          },
        ],
      },
    ],
  };
}
