/**
 * The appointment a simulated vendor's agenda software reports to the SAS (ANS flow
 * INT_R03, profile FrAppointmentSAS, shaped as the guide's example `Appointment-1`):
 * written here from the vendor's side of the wire, as any vendor would write it.
 */

/** The status codes a vendor reports for a simulated booking's life. */
export type VendorAppointmentStatus = 'booked' | 'cancelled' | 'fulfilled' | 'noshow';

const IDNPS_SYSTEM = 'urn:oid:1.2.250.1.71.4.2.1';
const IDNPS_TYPE = { coding: [{ code: 'IDNPS', system: 'http://interopsante.org/fhir/CodeSystem/fr-v2-0203' }] };
/** Where the vendor echoes the hand-over's reference (the guide defines no element; `basedOn` is free in the profile). */
const BOOKING_REFERENCE_SYSTEM = 'urn:sas:booking-reference';
/** The simulated vendors' own identifier system for their appointments. */
export const SIMULATED_VENDOR_APPOINTMENT_SYSTEM = 'urn:sas:simulation:vendor-appointment';

export interface VendorBookingFacts {
  /** The vendor's own id of the appointment (its agenda's). */
  identifier: string;
  status: VendorAppointmentStatus;
  rpps: string;
  start: Date;
  end: Date;
  /** When the regulator booked on the vendor's page. */
  created: Date;
  /** The version time: a later report supersedes an earlier one. */
  lastUpdated: Date;
  /** The regulator's account at the vendor (the guide's appointmentOperator). */
  operator: string;
  /** The SAS booking reference of the hand-over (`sas_ref`). */
  reference?: string;
}

export function vendorAppointment(facts: VendorBookingFacts): Record<string, unknown> {
  return {
    resourceType: 'Appointment',
    meta: {
      profile: ['http://sas.fr/fhir/StructureDefinition/FrAppointmentSAS'],
      lastUpdated: facts.lastUpdated.toISOString(),
    },
    extension: [
      {
        url: 'https://hl7.fr/ig/fhir/core/StructureDefinition/fr-core-appointment-operator',
        valueReference: { identifier: { type: IDNPS_TYPE, system: IDNPS_SYSTEM, value: facts.operator } },
      },
    ],
    identifier: [{ system: SIMULATED_VENDOR_APPOINTMENT_SYSTEM, value: facts.identifier }],
    status: facts.status,
    start: facts.start.toISOString(),
    end: facts.end.toISOString(),
    created: facts.created.toISOString(),
    participant: [
      { actor: { identifier: { system: IDNPS_SYSTEM, type: IDNPS_TYPE, value: `8${facts.rpps}` } }, status: 'accepted' },
    ],
    ...(facts.reference && { basedOn: [{ identifier: { system: BOOKING_REFERENCE_SYSTEM, value: facts.reference } }] }),
  };
}

/** The booking reference a hand-over URL carries. */
export function referenceOfHandOver(url: string): string {
  const reference = new URL(url).searchParams.get('sas_ref');
  if (!reference) throw new Error(`the hand-over URL carries no sas_ref: ${url}`);
  return reference;
}
