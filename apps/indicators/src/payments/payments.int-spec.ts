import {
  AppointmentBooked,
  AppointmentHonoured,
  AppointmentNoShow,
  ConsultationModeCode,
  PayloadOf,
  SlotPublished,
} from '@sas/contracts';
import { useIsolatedEnvironment } from '../../../../test/support/isolated-environment';
import { Caller, RunningService, startService, waitUntilReady } from '../../../../test/support/running-service';
import { at, plusMinutes, ScriptedEvent, scriptedEvents, uuidOf } from '../../../../test/support/scripted-week';
import { feedIndicators } from '../../../../test/support/indicator-facts';
import { biToken, tokenFor } from '../../../../test/support/tokens';
import { AppModule } from '../app.module';

const RPPS_A = '10000000009';
const RPPS_B = '10000000017';
const FINESS = '750000001';
// November 2026 in Paris is UTC+1.

/**
 * Hand-made events with known payments: practitioner A at 22 honoured consultations on
 * Tuesday 10 November 17:00–22:15 (12 before the PDSA evening, 10 in it; 2 by video),
 * whose outcomes name nobody (the slot's practitioner is paid); practitioner B seen once in
 * a centre's slot (FINESS) on 11 November, a public holiday; one no-show that pays nothing.
 */
function paymentEvents(): ScriptedEvent[] {
  const { events, emit } = scriptedEvents();
  const A = uuidOf('pay-practitioner-a');
  const S = uuidOf('pay-structure');
  const consultation = (
    n: number,
    start: string,
    owner: { ownerId: string; practitionerId?: string; structureId?: string },
    who: Pick<PayloadOf<typeof SlotPublished>, 'practitioner' | 'structure'>,
    mode: ConsultationModeCode,
    outcome: 'honoured' | 'no-show',
    performingPractitionerRpps?: string,
  ) => {
    const slotId = uuidOf(`pay-slot-${n}`);
    const appointmentId = uuidOf(`pay-appointment-${n}`);
    const end = plusMinutes(start, 15);
    emit(
      SlotPublished,
      {
        slotId,
        ...owner,
        ...who,
        profession: 'general-practitioner',
        specialties: ['SM54'],
        place: { placeId: uuidOf(`pay-place-${owner.ownerId}`), communeCode: '92044' },
        start,
        end,
        visibility: ['SNP'],
        modes: ['AMB', 'VR'],
        appointmentType: 'ROUTINE',
        acceptsBeyondSlots: false,
        revision: 1,
      },
      plusMinutes(start, -600),
    );
    const ref = { appointmentId, slotId, ...owner, communeCode: '92044' };
    emit(AppointmentBooked, { ...ref, start, end, mode, bookedAt: plusMinutes(start, -120) }, plusMinutes(start, -120));
    const report = {
      ...ref,
      reportedAt: plusMinutes(start, 30),
      ...(performingPractitionerRpps ? { performingPractitionerRpps } : {}),
    };
    if (outcome === 'honoured') emit(AppointmentHonoured, report, plusMinutes(start, 30));
    else emit(AppointmentNoShow, report, plusMinutes(start, 30));
  };
  const practitionerA = { ownerId: A, practitionerId: A };
  const rppsA = { practitioner: { system: 'RPPS' as const, value: RPPS_A } };
  for (let i = 0; i < 22; i++)
    consultation(i, plusMinutes(at(10, 17), 15 * i), practitionerA, rppsA, i < 2 ? 'VR' : 'AMB', 'honoured');
  consultation(30, at(12, 9), practitionerA, rppsA, 'AMB', 'no-show');
  consultation(
    31,
    at(11, 10),
    { ownerId: S, structureId: S },
    { structure: { system: 'FINESS', value: FINESS } },
    'AMB',
    'honoured',
    RPPS_B,
  );
  return events;
}

describe('indicators: the payment export per practitioner and month', () => {
  let indicators: RunningService;
  let bi: Caller;
  const events = paymentEvents();

  beforeAll(async () => {
    const { topicPrefix } = await useIsolatedEnvironment('payments');
    indicators = await startService('indicators', AppModule);
    await waitUntilReady(indicators);
    bi = indicators.as(await biToken());
    expect((await feedIndicators(indicators, events, { prefix: topicPrefix })).deadLettered).toBe(0);
  });

  afterAll(async () => {
    await indicators?.close();
  });

  it('pays the slot practitioner 20 of 22 honoured consultations in the week, split by PDSA period, and the centre doctor on a holiday', async () => {
    const res = await bi.get('/indicators/payments').query({ month: '2026-11' }).expect(200);
    expect(res.body.metadata).toMatchObject({ month: '2026-11', weeklyCap: 20, supplementEuros: 15, unattributed: 0 });
    expect(res.body.rows).toEqual([
      {
        rpps: RPPS_A,
        finess: null,
        honoured: 22,
        paid: 20,
        paidPdsa: 8,
        paidOutsidePdsa: 12,
        amountEuros: 300,
        video: 2,
        videoShare: 2 / 22,
      },
      {
        rpps: RPPS_B,
        finess: FINESS,
        honoured: 1,
        paid: 1,
        paidPdsa: 1,
        paidOutsidePdsa: 0,
        amountEuros: 15,
        video: 0,
        videoShare: 0,
      },
    ]);
    // Another month has none of them.
    expect((await bi.get('/indicators/payments').query({ month: '2026-10' }).expect(200)).body.rows).toEqual([]);
  });

  it('answers CSV for the insurer, by Accept or by .csv', async () => {
    const byAccept = await bi.get('/indicators/payments').query({ month: '2026-11' }).set('accept', 'text/csv').expect(200);
    const byName = await bi.get('/indicators/payments.csv').query({ month: '2026-11' }).expect(200);
    expect(byAccept.headers['content-type']).toMatch(/^text\/csv/);
    expect(byName.text).toBe(byAccept.text);
    expect(byName.text.split('\r\n')).toEqual([
      'rpps,finess,honoured,paid,paidPdsa,paidOutsidePdsa,amountEuros,video,videoShare',
      `${RPPS_A},,22,20,8,12,300,2,${2 / 22}`,
      `${RPPS_B},${FINESS},1,1,1,0,15,0,0`,
      '',
    ]);
  });

  it.each([['2026-13'], ['2026-1'], ['november'], ['2026-11-01']])(
    'refuses month=%s with a 400 naming the field',
    async (month) => {
      const res = await bi.get('/indicators/payments').query({ month }).expect(400);
      expect(res.body.errors).toEqual([{ field: 'month', reason: expect.stringContaining('YYYY-MM') }]);
    },
  );

  it('refuses a request without a month, and a BI token scoped to some territories', async () => {
    const missing = await bi.get('/indicators/payments').expect(400);
    expect(missing.body.errors).toEqual([{ field: 'month', reason: expect.stringContaining('YYYY-MM') }]);
    const scoped = indicators.as(await tokenFor({ role: 'bi', subject: 'bi-92', territories: ['92'] }));
    await scoped.get('/indicators/payments').query({ month: '2026-11' }).expect(403);
  });
});
