import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { BOOKING_REFERENCE_SYSTEM } from '../../apps/scheduling/src/fhir/appointments/appointment-resource';

const EXAMPLES = join(__dirname, '../fhir/ans-sas-guide/examples');

/* eslint-disable @typescript-eslint/no-explicit-any -- FHIR resources edited as JSON */
export type AppointmentJson = Record<string, any>;

/**
 * One of the guide's own Appointment examples (`Appointment-1`: booked, `Appointment-2`:
 * cancelled, `Appointment-12345678`: SOS Médecins, pending), with its ids and dates replaced:
 * a fresh vendor identifier (unless given), the practitioner, the slot's times, and the
 * SAS booking reference in `basedOn` when there is one.
 */
export function guideAppointment(
  file: 'Appointment-1' | 'Appointment-2' | 'Appointment-12345678',
  change: { identifier?: string; rpps?: string; start: Date; end: Date; reference?: string; created?: Date; lastUpdated?: Date },
): AppointmentJson {
  const resource = JSON.parse(readFileSync(join(EXAMPLES, `${file}.json`), 'utf8')) as AppointmentJson;
  resource.identifier[0].value = change.identifier ?? randomUUID();
  if (change.rpps) resource.participant[0].actor.identifier.value = `8${change.rpps}`;
  resource.start = change.start.toISOString();
  resource.end = change.end.toISOString();
  resource.created = (change.created ?? new Date()).toISOString();
  if (change.lastUpdated) resource.meta.lastUpdated = change.lastUpdated.toISOString();
  if (change.reference) resource.basedOn = [{ identifier: { system: BOOKING_REFERENCE_SYSTEM, value: change.reference } }];
  return resource;
}

/** The booking reference a hand-over URL carries. */
export const referenceOf = (url: string): string => new URL(url).searchParams.get('sas_ref')!;
