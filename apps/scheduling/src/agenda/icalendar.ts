import { ConsultationModeCode } from '@sas/contracts';
import { AgendaAppointment, AgendaPlace, AgendaSlot } from './agenda-views';

/**
 * The agenda as an RFC 5545 calendar, so a practice subscribes from any calendar tool.
 * Pure: rows in, text out. Never a patient: a SAS booking shows its mode, place and
 * appointment id only (the patient is read from orientation by the practice, not here).
 */

const MODE_LABELS: Record<ConsultationModeCode, string> = { AMB: 'au cabinet', HH: 'à domicile', VR: 'en vidéo' };
const modeLabel = (mode: string) => MODE_LABELS[mode as ConsultationModeCode] ?? mode;

/** How often calendar tools are asked to fetch the feed again (RFC 7986 REFRESH-INTERVAL; X-PUBLISHED-TTL for older tools). */
const REFRESH = 'PT5M';

export interface CalendarEvent {
  uid: string;
  start: string;
  end: string;
  summary: string;
  description: string;
  location: string;
  status: 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED';
  transparent: boolean;
  sequence: number;
}

export function appointmentEvent(a: AgendaAppointment): CalendarEvent {
  const cancelled = a.status === 'cancelled' || a.status === 'moved';
  return {
    uid: `appointment-${a.id}@sas-scheduling`,
    start: a.start,
    end: a.end,
    summary: `${cancelled ? 'Annulé : ' : ''}RDV SAS ${modeLabel(a.mode)}`,
    description: [
      `Rendez-vous pris par le SAS (${a.status}).`,
      a.practitionerRpps ? `Praticien RPPS ${a.practitionerRpps}.` : '',
      `Rendez-vous ${a.id}.`,
    ]
      .filter(Boolean)
      .join('\n'),
    location: placeText(a.place),
    status: cancelled ? 'CANCELLED' : 'CONFIRMED',
    transparent: cancelled,
    sequence: 0,
  };
}

export function slotEvent(s: AgendaSlot): CalendarEvent {
  const summary = s.appointment
    ? `RDV SAS ${modeLabel(s.appointment.mode)}`
    : s.status === 'free'
      ? `Créneau SNP libre (${s.modes.map(modeLabel).join(', ')})`
      : s.status === 'booked-elsewhere'
        ? 'Créneau pris hors SAS'
        : `Créneau ${s.status === 'withdrawn' ? 'retiré' : 'passé'}`;
  return {
    uid: `slot-${s.id}@sas-scheduling`,
    start: s.start,
    end: s.end,
    summary,
    description: [
      `Créneau ${s.id} (${s.status}).`,
      s.appointment ? `Rendez-vous SAS ${s.appointment.id} (${s.appointment.status}).` : '',
      s.practitionerRpps ? `Praticien RPPS ${s.practitionerRpps}.` : '',
    ]
      .filter(Boolean)
      .join('\n'),
    location: placeText(s.place),
    status: s.status === 'withdrawn' ? 'CANCELLED' : s.status === 'free' ? 'TENTATIVE' : 'CONFIRMED',
    transparent: s.status === 'free' || s.status === 'withdrawn',
    sequence: s.revision,
  };
}

function placeText(place: AgendaPlace): string {
  return [place.name, place.addressLine, [place.postalCode, place.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
}

/** The calendar: CRLF line ends, TEXT escaped, lines folded at 75 octets (RFC 5545 §3.1, §3.3.11). */
export function calendar(name: string, events: CalendarEvent[], now = new Date()): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//SAS//scheduling agenda//FR',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `NAME:${text(name)}`,
    `X-WR-CALNAME:${text(name)}`,
    `REFRESH-INTERVAL;VALUE=DURATION:${REFRESH}`,
    `X-PUBLISHED-TTL:${REFRESH}`,
  ];
  for (const e of events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.uid}`,
      `DTSTAMP:${utc(now.toISOString())}`,
      `DTSTART:${utc(e.start)}`,
      `DTEND:${utc(e.end)}`,
      `SUMMARY:${text(e.summary)}`,
      `DESCRIPTION:${text(e.description)}`,
      ...(e.location ? [`LOCATION:${text(e.location)}`] : []),
      `STATUS:${e.status}`,
      `TRANSP:${e.transparent ? 'TRANSPARENT' : 'OPAQUE'}`,
      `SEQUENCE:${e.sequence}`,
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(fold).join('\r\n') + '\r\n';
}

/** 2026-12-07T08:30:00.000Z → 20261207T083000Z (a UTC DATE-TIME). */
function utc(instant: string): string {
  return new Date(instant)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

function text(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Folds a content line into 75-octet pieces, never inside a UTF-8 character. */
export function fold(line: string): string {
  const pieces: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char);
    // Continuation lines start with a space, which counts in their 75 octets.
    if (octets + size > 75) {
      pieces.push(current);
      current = ' ';
      octets = 1;
    }
    current += char;
    octets += size;
  }
  pieces.push(current);
  return pieces.join('\r\n');
}
