import { AppliedReport, decide, IncomingReport } from './appointment-status-rules';

const t = (minutes: number) => new Date(Date.UTC(2026, 11, 4, 10, minutes));
const applied = (over: Partial<AppliedReport> = {}): AppliedReport => ({
  status: 'booked',
  start: t(60),
  end: t(80),
  digest: 'd1',
  versionAt: t(0),
  ...over,
});
const incoming = (over: Partial<IncomingReport> = {}): IncomingReport => ({
  status: 'booked',
  start: t(60),
  end: t(80),
  digest: 'd2',
  versionAt: t(5),
  ...over,
});

describe("what a vendor's report does", () => {
  it.each([
    ['a first booking books', undefined, incoming(), 'book'],
    ['a first pending (SOS) books', undefined, incoming({ status: 'pending' }), 'book'],
    ['new times move', applied(), incoming({ start: t(90), end: t(110) }), 'move'],
    ['cancelled cancels', applied(), incoming({ status: 'cancelled' }), 'cancel'],
    ['fulfilled honours', applied(), incoming({ status: 'fulfilled' }), 'honour'],
    ['noshow reports a no-show', applied(), incoming({ status: 'noshow' }), 'no-show'],
    ['the same content changes nothing', applied(), incoming({ digest: 'd1' }), 'unchanged'],
    [
      'an older report changes nothing',
      applied({ status: 'fulfilled', versionAt: t(10) }),
      incoming({ status: 'cancelled', versionAt: t(5) }),
      'unchanged',
    ],
    ['booked again with the same times changes nothing', applied(), incoming({ status: 'pending' }), 'unchanged'],
    ['the same end again changes nothing', applied({ status: 'cancelled' }), incoming({ status: 'cancelled' }), 'unchanged'],
    ['a first report that is not a booking is refused', undefined, incoming({ status: 'fulfilled' }), 'refuse'],
    ['an ended appointment does not change', applied({ status: 'cancelled' }), incoming({ status: 'fulfilled' }), 'refuse'],
    [
      'a booking repeated after the end is an old report',
      applied({ status: 'noshow' }),
      incoming({ status: 'booked' }),
      'unchanged',
    ],
    ['a status the SAS does not follow is refused', applied(), incoming({ status: 'arrived' }), 'refuse'],
  ])('%s', (_, before, report, kind) => {
    expect(decide(before, report).kind).toBe(kind);
  });

  it('names the status element in a refusal', () => {
    expect(decide(applied({ status: 'fulfilled' }), incoming({ status: 'noshow' }))).toMatchObject({
      kind: 'refuse',
      element: 'Appointment.status',
    });
  });
});
