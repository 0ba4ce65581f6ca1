import type { FhirAppointmentStatus } from './appointment-resource';

/** The appointment states the SAS follows (the guide: BOOKED, FULFILLED, NOSHOW, CANCELLED). */
export type FollowedStatus = 'booked' | 'fulfilled' | 'noshow' | 'cancelled';

/** What the SAS last applied of a vendor's appointment. */
export interface AppliedReport {
  status: FollowedStatus;
  start: Date;
  end: Date;
  digest: string;
  versionAt: Date;
}

export interface IncomingReport {
  status: FhirAppointmentStatus;
  start: Date;
  end: Date;
  digest: string;
  versionAt: Date;
}

export type Decision =
  | { kind: 'book' | 'move' | 'cancel' | 'honour' | 'no-show'; status: FollowedStatus }
  | { kind: 'unchanged'; why: 'same' | 'older' }
  | { kind: 'refuse'; element: string; reason: string };

/**
 * An SOS Médecins appointment is `pending` until the association assigns a doctor: for the
 * SAS it holds the slot as a booking does. The others are not exchanged.
 */
export function followedStatus(status: FhirAppointmentStatus): FollowedStatus | undefined {
  if (status === 'pending' || status === 'booked') return 'booked';
  if (status === 'fulfilled' || status === 'noshow' || status === 'cancelled') return status;
  return undefined;
}

const TERMINAL: readonly FollowedStatus[] = ['fulfilled', 'noshow', 'cancelled'];

/**
 * What a vendor's report does, given what was applied before. Pure: no I/O.
 * - the same content again changes nothing (a retried POST or PUT);
 * - a report whose version time is older than the applied one changes nothing (it arrived late);
 * - a booked appointment may move (new times), be cancelled, honoured or missed;
 * - an ended appointment does not change again (a booked report after the end is an old one), and
 *   the SAS learns of an appointment by its booking.
 */
export function decide(applied: AppliedReport | undefined, incoming: IncomingReport): Decision {
  const status = followedStatus(incoming.status);
  if (!status)
    return {
      kind: 'refuse',
      element: 'Appointment.status',
      reason: `the SAS follows booked (or pending), fulfilled, noshow and cancelled appointments, not ${incoming.status}`,
    };
  if (!applied) {
    if (status !== 'booked')
      return {
        kind: 'refuse',
        element: 'Appointment.status',
        reason: `the SAS has no booking of this appointment: it must first be sent booked, not ${incoming.status}`,
      };
    return { kind: 'book', status };
  }
  if (applied.digest === incoming.digest) return { kind: 'unchanged', why: 'same' };
  if (incoming.versionAt < applied.versionAt) return { kind: 'unchanged', why: 'older' };
  if (TERMINAL.includes(applied.status)) {
    if (applied.status === status) return { kind: 'unchanged', why: 'same' };
    // A booking always precedes its end: a booked report after the end is a retry or a late one.
    if (status === 'booked') return { kind: 'unchanged', why: 'older' };
    return {
      kind: 'refuse',
      element: 'Appointment.status',
      reason: `the appointment is already ${applied.status}; it cannot become ${incoming.status}`,
    };
  }
  if (status === 'booked') {
    const moved = applied.start.getTime() !== incoming.start.getTime() || applied.end.getTime() !== incoming.end.getTime();
    return moved ? { kind: 'move', status } : { kind: 'unchanged', why: 'same' };
  }
  return { kind: status === 'cancelled' ? 'cancel' : status === 'fulfilled' ? 'honour' : 'no-show', status };
}
