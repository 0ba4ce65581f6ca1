import { OrientationOutcomeCode } from '@sas/contracts';
import { LrmPractitioner, LrmRegulator } from './lrm-people';

/**
 * The appointment as the guide's INT_L02 content carries it to the SAMU's regulation
 * software (field table in docs/hub-sante.md). No patient field: the guide asks for none,
 * the LRM matches the case by the appointment id the regulator sees in both systems.
 */
export interface LrmAppointment {
  appointmentId: string;
  method: 'CreateAppointment' | 'UpdateAppointment';
  created: string;
  start: string;
  end?: string;
  status: LrmAppointmentStatus;
  orientationCategory?: OrientationCategory;
  practitioner?: LrmPractitioner;
  regulator?: LrmRegulator;
}

/** FHIR AppointmentStatus codes, as the guide asks. */
export type LrmAppointmentStatus = 'booked' | 'cancelled' | 'fulfilled' | 'noshow';

/** The guide's orientation categories. */
export type OrientationCategory = 'PS' | 'SOS' | 'PDM' | 'CPTS' | 'CDS' | 'MSP';

/** Our outcome → the guide's category; outcomes that book no consultation have none. */
export function orientationCategoryOf(outcome: OrientationOutcomeCode): OrientationCategory | undefined {
  switch (outcome) {
    case 'sos-medecins':
      return 'SOS';
    case 'maison-medicale-de-garde':
      return 'PDM';
    case 'snp-consultation':
    case 'treating-doctor':
    case 'teleconsultation':
    case 'beyond-published-slots':
    case 'marketplace':
      return 'PS';
    case 'medical-advice':
    case 'pharmacy':
    case 'other-profession':
    case 'emergency-department':
    case 'smur':
    case 'ambulance':
    case 'no-solution':
      return undefined;
  }
}

/** What a later change of an appointment says by itself (its event knows nothing of the creation). */
export interface LrmAppointmentChange {
  appointmentId: string;
  method: 'UpdateAppointment';
  status: LrmAppointmentStatus;
  start?: string;
  end?: string;
}

/** A whole appointment (a creation, or an update once completed and sent), not a bare change. */
export function isWholeAppointment(content: LrmAppointment | LrmAppointmentChange): content is LrmAppointment {
  return 'created' in content;
}

/** The update the LRM gets: the whole appointment as it now stands (the guide's update repeats every field). */
export function updatedAppointment(base: LrmAppointment, change: LrmAppointmentChange): LrmAppointment {
  return { ...base, ...change, method: 'UpdateAppointment' };
}
