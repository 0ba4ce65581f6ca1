import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BOOKING_REFERENCE_SYSTEM, parseAppointment } from './appointment-resource';

const example = (name: string) =>
  JSON.parse(readFileSync(join(__dirname, '../../../../../test/fhir/ans-sas-guide/examples', `${name}.json`), 'utf8'));

describe("reading a vendor's Appointment (INT_R03)", () => {
  it.each([
    ['Appointment-1', 'booked', { kind: 'rpps', value: '10100050075' }, false],
    ['Appointment-2', 'cancelled', { kind: 'rpps', value: '10100050075' }, false],
    ['Appointment-12345678', 'pending', undefined, true],
  ])("reads the guide's own %s", (name, status, practitioner, sos) => {
    const parsed = parseAppointment(example(name));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    expect(parsed.value).toMatchObject({
      identifier: { system: 'urn:oid:1.1.111.1.11.1.1.1', value: 'b6e39355-8a61-4556-b340-36f7b95fec6a' },
      status,
      start: new Date('2022-09-04T13:00:00Z'),
      end: new Date('2022-09-04T13:15:00Z'),
      created: new Date('2022-09-04T09:00:00Z'),
      sos,
    });
    if (practitioner) expect(parsed.value.practitioner).toMatchObject(practitioner);
    else expect(parsed.value.practitioner).toBeUndefined();
  });

  it('reads the booking reference from basedOn and a slot reference', () => {
    const body = {
      ...example('Appointment-1'),
      basedOn: [{ identifier: { system: BOOKING_REFERENCE_SYSTEM, value: 'Vq3_abcdefghijklmnopqrstuvwxyz012' } }],
      slot: [{ reference: 'Slot/0B1E5D7E-0000-4000-8000-000000000001' }],
    };
    const parsed = parseAppointment(body);
    expect(parsed.ok && parsed.value.bookingReference).toEqual({
      value: 'Vq3_abcdefghijklmnopqrstuvwxyz012',
      element: 'Appointment.basedOn[0].identifier.value',
    });
    expect(parsed.ok && parsed.value.slotId?.value).toBe('0b1e5d7e-0000-4000-8000-000000000001');
  });

  it.each([
    ['not an Appointment', { resourceType: 'Slot' }, 'Appointment.resourceType'],
    [
      'two identifiers',
      {
        identifier: [
          { system: 'a', value: '1' },
          { system: 'a', value: '2' },
        ],
      },
      'Appointment.identifier',
    ],
    ['an identifier without system', { identifier: [{ value: '1' }] }, 'Appointment.identifier[0].system'],
    ['a status that is not a code', { status: 'BOOKED' }, 'Appointment.status'],
    ['a start without offset', { start: '2022-09-04T14:00:00' }, 'Appointment.start'],
    ['an end before the start', { end: '2022-09-04T13:59:00+01:00' }, 'Appointment.end'],
    ['a created that is not a date-time', { created: 'yesterday' }, 'Appointment.created'],
    ['no operator', { extension: [] }, 'Appointment.extension:appointmentOperator'],
    [
      'a practitioner under another authority',
      { participant: [{ actor: { identifier: { system: 'urn:oid:1.2.3', value: '810100050075' } }, status: 'accepted' }] },
      'Appointment.participant[0].actor.identifier.system',
    ],
    [
      'a participant status outside the value set',
      { participant: [{ actor: { identifier: { system: 'urn:oid:1.2.250.1.71.4.2.1', value: '810100050075' } }, status: 'ok' }] },
      'Appointment.participant[0].status',
    ],
    ['no practitioner (not SOS)', { participant: [{ status: 'accepted' }] }, 'Appointment.participant'],
    [
      'a malformed reference',
      { basedOn: [{ identifier: { system: BOOKING_REFERENCE_SYSTEM, value: 'short' } }] },
      'Appointment.basedOn[0].identifier.value',
    ],
    ['a slot that is not ours', { slot: [{ reference: 'https://vendor.example/Slot/1' }] }, 'Appointment.slot[0].reference'],
  ])('refuses %s, naming the element', (_, change, element) => {
    const parsed = parseAppointment({ ...example('Appointment-1'), ...change });
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.issues.map((i) => i.expression)).toContain(element);
  });
});
