/** A slot as an agenda lists it: the slot, where, and its SAS booking if it holds one. */
export interface AgendaSlot {
  id: string;
  practitionerId: string | null;
  practitionerRpps: string | null;
  structureId: string | null;
  placeId: string;
  place: AgendaPlace;
  start: string;
  end: string;
  status: string;
  modes: string[];
  visibility: string[];
  appointmentType: string;
  revision: number;
  /** The live SAS booking of the slot (booked, honoured or no-show), if any. */
  appointment: { id: string; status: string; mode: string } | null;
}

/** A SAS appointment as an agenda lists it; never the patient (read from orientation by the practice, elsewhere). */
export interface AgendaAppointment {
  id: string;
  slotId: string;
  status: string;
  mode: string;
  bookedAt: string;
  start: string;
  end: string;
  practitionerId: string | null;
  practitionerRpps: string | null;
  structureId: string | null;
  placeId: string;
  place: AgendaPlace;
}

/** The practice's own place of consultation (never a patient's address). */
export interface AgendaPlace {
  name: string | null;
  addressLine: string | null;
  postalCode: string | null;
  city: string | null;
  communeCode: string;
}

export interface AgendaPage<T> {
  total: number;
  page: number;
  limit: number;
  items: T[];
}

type Row = Record<string, unknown>;
const iso = (value: unknown) => (value as Date).toISOString();

export function placeOf(row: Row): AgendaPlace {
  return {
    name: row.place_name as string | null,
    addressLine: row.address_line as string | null,
    postalCode: row.postal_code as string | null,
    city: row.city as string | null,
    communeCode: row.commune_code as string,
  };
}

export function agendaSlotOf(row: Row): AgendaSlot {
  return {
    id: row.id as string,
    practitionerId: row.practitioner_id as string | null,
    practitionerRpps: row.practitioner_rpps as string | null,
    structureId: row.structure_id as string | null,
    placeId: row.place_id as string,
    place: placeOf(row),
    start: iso(row.start_at),
    end: iso(row.end_at),
    status: row.status as string,
    modes: row.modes as string[],
    visibility: row.visibility as string[],
    appointmentType: row.appointment_type as string,
    revision: row.revision as number,
    appointment: row.appointment_id
      ? { id: row.appointment_id as string, status: row.appointment_status as string, mode: row.appointment_mode as string }
      : null,
  };
}

export function agendaAppointmentOf(row: Row): AgendaAppointment {
  return {
    id: row.appointment_id as string,
    slotId: row.id as string,
    status: row.appointment_status as string,
    mode: row.appointment_mode as string,
    bookedAt: iso(row.booked_at),
    start: iso(row.start_at),
    end: iso(row.end_at),
    practitionerId: row.practitioner_id as string | null,
    practitionerRpps: row.practitioner_rpps as string | null,
    structureId: row.structure_id as string | null,
    placeId: row.place_id as string,
    place: placeOf(row),
  };
}
