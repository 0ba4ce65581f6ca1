import ICAL from 'ical.js';
import { AgendaAppointment, AgendaSlot } from './agenda-views';
import { appointmentEvent, calendar, fold, slotEvent } from './icalendar';

const place = {
  name: 'Cabinet; du Parc, 2e',
  addressLine: '3 rue Voltaire',
  postalCode: '92300',
  city: 'Levallois-Perret',
  communeCode: '92044',
};
const appointment: AgendaAppointment = {
  id: 'a1',
  slotId: 's1',
  status: 'booked',
  mode: 'HH',
  bookedAt: '2026-12-07T07:00:00.000Z',
  start: '2026-12-07T08:30:00.000Z',
  end: '2026-12-07T08:50:00.000Z',
  practitionerId: 'p1',
  practitionerRpps: '10000000009',
  structureId: null,
  placeId: 'l1',
  place,
};
const slot: AgendaSlot = {
  id: 's2',
  practitionerId: 'p1',
  practitionerRpps: '10000000009',
  structureId: null,
  placeId: 'l1',
  place,
  start: '2026-12-07T09:00:00.000Z',
  end: '2026-12-07T09:20:00.000Z',
  status: 'free',
  modes: ['AMB', 'VR'],
  visibility: ['SNP'],
  appointmentType: 'ROUTINE',
  revision: 3,
  appointment: null,
};

describe('the agenda as iCalendar (RFC 5545)', () => {
  const text = calendar('Agenda SAS — Dr Martin, ' + 'très long nom '.repeat(8), [
    appointmentEvent(appointment),
    slotEvent(slot),
  ]);

  it('is read by a real parser: one event per row, times in UTC, text unescaped', () => {
    const vcalendar = new ICAL.Component(ICAL.parse(text));
    const events = vcalendar.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
    expect(
      events.map((e) => [e.uid, e.startDate.toJSDate().toISOString(), e.endDate.toJSDate().toISOString(), e.summary]),
    ).toEqual([
      ['appointment-a1@sas-scheduling', '2026-12-07T08:30:00.000Z', '2026-12-07T08:50:00.000Z', 'RDV SAS à domicile'],
      [
        'slot-s2@sas-scheduling',
        '2026-12-07T09:00:00.000Z',
        '2026-12-07T09:20:00.000Z',
        'Créneau SNP libre (au cabinet, en vidéo)',
      ],
    ]);
    expect(events[0].location).toBe('Cabinet; du Parc, 2e, 3 rue Voltaire, 92300 Levallois-Perret');
    expect(events[1].component.getFirstPropertyValue('transp')).toBe('TRANSPARENT');
    expect(events[1].sequence).toBe(3);
    // Folded over several lines, read back whole (ical.js keeps X- values escaped: it does not know their type).
    expect(vcalendar.getFirstPropertyValue('x-wr-calname')).toBe('Agenda SAS — Dr Martin\\, ' + 'très long nom '.repeat(8));
  });

  it('ends every line with CRLF and keeps each under 75 octets', () => {
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  });

  it('folds without splitting a UTF-8 character', () => {
    const folded = fold('SUMMARY:' + 'é'.repeat(80));
    expect(folded.split('\r\n').map((l) => Buffer.byteLength(l))).toEqual([74, 75, 21]);
    expect(folded.replace(/\r\n /g, '')).toBe('SUMMARY:' + 'é'.repeat(80));
  });

  it('marks a cancelled appointment cancelled, so calendar tools drop it', () => {
    expect(appointmentEvent({ ...appointment, status: 'cancelled' })).toMatchObject({ status: 'CANCELLED', transparent: true });
  });
});
