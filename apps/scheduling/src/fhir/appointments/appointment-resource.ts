import { FhirIssue } from '../operation-outcome';
import { PractitionerKey, practitionerOfIdNps } from '../practitioner-identifier';

/** Where a vendor echoes the SAS hand-over reference: `Appointment.basedOn[].identifier` of this system. */
export const BOOKING_REFERENCE_SYSTEM = 'urn:sas:booking-reference';
/** The national practitioner identifier authority (IDNPS), as in the guide's examples. */
const IDNPS_SYSTEM = 'urn:oid:1.2.250.1.71.4.2.1';
/** The guide names the operator extension by two URLs (fr-core's, and FrAppointmentOperator in its prose). */
const OPERATOR_EXTENSIONS = [
  'https://hl7.fr/ig/fhir/core/StructureDefinition/fr-core-appointment-operator',
  'http://interopsante.org/fhir/StructureDefinition/FrAppointmentOperator',
];
/** The guide's two Appointment profiles (PS and CPTS; SOS Médecins). */
export const APPOINTMENT_PROFILES = {
  sas: 'http://sas.fr/fhir/StructureDefinition/FrAppointmentSAS',
  sos: 'https://interop.esante.gouv.fr/ig/fhir/sas/StructureDefinition/sas-sos-appointment',
} as const;
const SOS_PROFILE = APPOINTMENT_PROFILES.sos;
/** FHIR R4 AppointmentStatus; the SAS exchanges only some (see appointment-status-rules). */
const FHIR_STATUSES = [
  'proposed',
  'pending',
  'booked',
  'arrived',
  'fulfilled',
  'cancelled',
  'noshow',
  'entered-in-error',
  'checked-in',
  'waitlist',
] as const;
export type FhirAppointmentStatus = (typeof FHIR_STATUSES)[number];
const PARTICIPANT_STATUSES = ['accepted', 'declined', 'tentative', 'needs-action'];
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const REFERENCE = /^[A-Za-z0-9_-]{16,64}$/;
const SLOT_REFERENCE = /^Slot\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** What the SAS reads of a vendor's Appointment (profiles FrAppointmentSAS and sas-sos-appointment). */
export interface VendorAppointment {
  identifier: { system: string; value: string };
  status: FhirAppointmentStatus;
  start: Date;
  end: Date;
  /** When the vendor recorded the booking; the booking time when given. */
  created?: Date;
  /** The vendor's version time: a report older than the one applied is not applied. */
  lastUpdated?: Date;
  /** The practitioner seen (absent in an SOS Médecins appointment, whose doctor the association assigns). */
  practitioner?: PractitionerKey & { element: string };
  sos: boolean;
  bookingReference?: { value: string; element: string };
  slotId?: { value: string; element: string };
}

export type ParsedAppointment = { ok: true; value: VendorAppointment } | { ok: false; issues: FhirIssue[] };

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown, max = 200): v is string => typeof v === 'string' && v.trim().length > 0 && v.length <= max;

/**
 * Reads a vendor's Appointment, or says each element that is wrong (400). Business rules
 * (who the practitioner is, which status change is allowed) are checked later, against the data.
 */
export function parseAppointment(body: unknown): ParsedAppointment {
  const issues: FhirIssue[] = [];
  const fail = (expression: string, diagnostics: string) => issues.push({ expression, diagnostics });
  if (!isObject(body) || body.resourceType !== 'Appointment')
    return {
      ok: false,
      issues: [{ expression: 'Appointment.resourceType', diagnostics: 'the body must be an Appointment resource' }],
    };

  const identifiers = body.identifier;
  const identifier =
    Array.isArray(identifiers) && identifiers.length === 1 && isObject(identifiers[0]) ? identifiers[0] : undefined;
  if (!identifier) fail('Appointment.identifier', "exactly one identifier is required (the vendor's id of the appointment)");
  else {
    if (!text(identifier.system))
      fail('Appointment.identifier[0].system', "the assigning authority (OID or URL of the vendor's software) is required");
    if (!text(identifier.value))
      fail('Appointment.identifier[0].value', "the appointment's id at the vendor is required (at most 200 characters)");
  }

  const status = body.status;
  if (!FHIR_STATUSES.includes(status as FhirAppointmentStatus))
    fail('Appointment.status', `must be an AppointmentStatus code (${FHIR_STATUSES.join(', ')})`);

  const start = instant(body.start, 'Appointment.start', fail, true);
  const end = instant(body.end, 'Appointment.end', fail, true);
  if (start && end && end <= start) fail('Appointment.end', 'must be after start');
  const created = instant(body.created, 'Appointment.created', fail, false);
  const lastUpdated = isObject(body.meta)
    ? instant(body.meta.lastUpdated, 'Appointment.meta.lastUpdated', fail, false)
    : undefined;

  checkOperator(body.extension, fail);
  const sos = isObject(body.meta) && Array.isArray(body.meta.profile) && body.meta.profile.includes(SOS_PROFILE);
  const practitioner = readPractitioner(body.participant, sos, fail);
  const bookingReference = readBookingReference(body.basedOn, fail);
  const slotId = readSlot(body.slot, fail);

  if (issues.length) return { ok: false, issues };
  return {
    ok: true,
    value: {
      identifier: { system: String(identifier!.system), value: String(identifier!.value) },
      status: status as FhirAppointmentStatus,
      start: start!,
      end: end!,
      ...(created && { created }),
      ...(lastUpdated && { lastUpdated }),
      ...(practitioner && { practitioner }),
      sos,
      ...(bookingReference && { bookingReference }),
      ...(slotId && { slotId }),
    },
  };
}

function instant(value: unknown, element: string, fail: (e: string, d: string) => void, required: boolean): Date | undefined {
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'string' || !INSTANT.test(value) || Number.isNaN(Date.parse(value))) {
    fail(element, `${required ? 'required: ' : ''}an instant with its time zone, e.g. 2022-09-04T14:00:00+01:00`);
    return undefined;
  }
  return new Date(value);
}

/** The regulator who booked (appointmentOperator), required by both profiles; its value is not kept. */
function checkOperator(extensions: unknown, fail: (e: string, d: string) => void): void {
  const operator = Array.isArray(extensions)
    ? extensions.find((e) => isObject(e) && OPERATOR_EXTENSIONS.includes(String(e.url)))
    : undefined;
  const identifier = isObject(operator) && isObject(operator.valueReference) ? operator.valueReference.identifier : undefined;
  if (!isObject(identifier))
    return void fail(
      'Appointment.extension:appointmentOperator',
      'the regulator who booked (appointmentOperator, valueReference.identifier) is required',
    );
  if (!text(identifier.system)) fail('Appointment.extension:appointmentOperator.valueReference.identifier.system', 'required');
  if (!text(identifier.value)) fail('Appointment.extension:appointmentOperator.valueReference.identifier.value', 'required');
}

function readPractitioner(
  participants: unknown,
  sos: boolean,
  fail: (e: string, d: string) => void,
): VendorAppointment['practitioner'] {
  if (!Array.isArray(participants) || participants.length === 0)
    return void fail('Appointment.participant', 'at least one participant is required');
  let found: VendorAppointment['practitioner'];
  participants.forEach((p, i) => {
    const at = `Appointment.participant[${i}]`;
    if (!isObject(p)) return fail(at, 'must be an object');
    if (!PARTICIPANT_STATUSES.includes(String(p.status)))
      fail(`${at}.status`, `must be one of ${PARTICIPANT_STATUSES.join(', ')}`);
    const identifier = isObject(p.actor) ? p.actor.identifier : undefined;
    if (!isObject(identifier)) return;
    if (identifier.system !== IDNPS_SYSTEM) return fail(`${at}.actor.identifier.system`, `must be ${IDNPS_SYSTEM} (IDNPS)`);
    const key = typeof identifier.value === 'string' ? practitionerOfIdNps(identifier.value) : undefined;
    if (!key) return fail(`${at}.actor.identifier.value`, 'must be "8" + RPPS (11 digits) or "0" + ADELI (9 digits)');
    found ??= { ...key, element: `${at}.actor.identifier.value` };
  });
  if (!found && !sos) fail('Appointment.participant', 'the practitioner (participant.actor.identifier, IDNPS) is required');
  return found;
}

function readBookingReference(basedOn: unknown, fail: (e: string, d: string) => void): VendorAppointment['bookingReference'] {
  if (basedOn === undefined) return undefined;
  if (!Array.isArray(basedOn)) return void fail('Appointment.basedOn', 'must be an array');
  const i = basedOn.findIndex((b) => isObject(b) && isObject(b.identifier) && b.identifier.system === BOOKING_REFERENCE_SYSTEM);
  if (i < 0) return undefined;
  const element = `Appointment.basedOn[${i}].identifier.value`;
  const value = (basedOn[i] as { identifier: Json }).identifier.value;
  if (typeof value !== 'string' || !REFERENCE.test(value))
    return void fail(element, 'the SAS booking reference is 16 to 64 letters, digits, "-" or "_"');
  return { value, element };
}

function readSlot(slots: unknown, fail: (e: string, d: string) => void): VendorAppointment['slotId'] {
  if (slots === undefined) return undefined;
  const reference = Array.isArray(slots) && isObject(slots[0]) ? slots[0].reference : undefined;
  const match = typeof reference === 'string' ? SLOT_REFERENCE.exec(reference) : null;
  if (!match) return void fail('Appointment.slot[0].reference', 'must be Slot/<id> of a slot the SAS published');
  return { value: match[1].toLowerCase(), element: 'Appointment.slot[0].reference' };
}
