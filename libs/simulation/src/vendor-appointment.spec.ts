import { referenceOfHandOver, SIMULATED_VENDOR_APPOINTMENT_SYSTEM, vendorAppointment } from './vendor-appointment';

describe("a simulated vendor's appointment report (INT_R03)", () => {
  const facts = {
    identifier: 'a1',
    status: 'booked' as const,
    rpps: '10030000029',
    start: new Date('2026-12-05T08:00:00Z'),
    end: new Date('2026-12-05T08:20:00Z'),
    created: new Date('2026-12-04T20:00:00Z'),
    lastUpdated: new Date('2026-12-04T20:00:01Z'),
    operator: 'simulated-vendor-account-3',
  };

  it("has the guide's Appointment-1 shape: operator, the practitioner as IDNPS, the vendor's identifier, the times", () => {
    expect(vendorAppointment(facts)).toMatchObject({
      resourceType: 'Appointment',
      meta: { lastUpdated: '2026-12-04T20:00:01.000Z' },
      extension: [{ valueReference: { identifier: { value: 'simulated-vendor-account-3' } } }],
      identifier: [{ system: SIMULATED_VENDOR_APPOINTMENT_SYSTEM, value: 'a1' }],
      status: 'booked',
      start: '2026-12-05T08:00:00.000Z',
      end: '2026-12-05T08:20:00.000Z',
      participant: [
        { actor: { identifier: { system: 'urn:oid:1.2.250.1.71.4.2.1', value: '810030000029' } }, status: 'accepted' },
      ],
    });
  });

  it('echoes the hand-over reference in basedOn, and has no basedOn without one', () => {
    expect(vendorAppointment({ ...facts, reference: 'r'.repeat(32) }).basedOn).toEqual([
      { identifier: { system: 'urn:sas:booking-reference', value: 'r'.repeat(32) } },
    ]);
    expect(vendorAppointment(facts)).not.toHaveProperty('basedOn');
  });

  it('reads the reference of a hand-over URL, and refuses a URL without one', () => {
    expect(referenceOfHandOver('https://v.example/rdv/1?origin=sas&sas_ref=abc')).toBe('abc');
    expect(() => referenceOfHandOver('https://v.example/rdv/1?origin=sas')).toThrow('no sas_ref');
  });
});
