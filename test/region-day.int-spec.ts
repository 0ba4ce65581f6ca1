import { randomBytes } from 'node:crypto';
import { Topics } from '@sas/contracts';
import { addDays, isoWeekday, parisLocalToUtc, utcToParisLocal } from '@sas/referentials';
import {
  openVendorShare,
  planRegion,
  reportsInBulk,
  RunningVendorShare,
  seedRegion,
  serviceUrls,
  SIMULATION_VENDOR_SECRET_ENV,
  simulateDay,
  SimulationReport,
  splitForVendors,
  waitUntilIndexed,
} from '@sas/simulation';
import { AppModule as SchedulingModule } from '../apps/scheduling/src/app.module';
import { startAllServices } from './support/all-services';
import { useIsolatedEnvironment } from './support/isolated-environment';
import { recountPayments } from './support/payment-recount';
import { eventually, RunningService, startService, waitUntilReady } from './support/running-service';
import { practitionerWithPlace } from './support/scheduling-fixtures';
import { TopicReader } from './support/topic-reader';
import { adminToken, biToken, regulatorToken } from './support/tokens';

/** Practitioners whose agenda is at the vendor. */
const VENDOR_SHARE = 0.3;

/**
 * A small region seeded through the real APIs, then hours of SAS calls simulated through
 * the four real services: every call is regulated, and the indicators end up equal to
 * the simulation's own counts. A share of the practitioners keeps its agenda at an agenda
 * vendor (another scheduling deployment, its own database and topic prefix) that our
 * scheduling pulls; their slots are handed over, booked at the vendor and reported back
 * (INT_R03), and they count in the same comparison.
 */
describe('a simulated SAS day over a seeded region, part of it at an agenda vendor', () => {
  const services: RunningService[] = [];
  const URL_VARIABLES = ['SCHEDULING_URL', 'MATCHING_URL', 'ORIENTATION_URL', 'INDICATORS_URL'];
  const plan = planRegion({ region: '11', scale: 0.002, seed: 3 });
  const split = splitForVendors(plan, VENDOR_SHARE);
  // The generated agendas are weekday daytime ones, and the pull reads the next 48 hours only: on
  // a Friday night the vendor would hold nothing a same-day call can take, and no call would be
  // handed over; with the vendor open all night, every night call would go to it and none of our
  // practices would report a day's outcomes in one list. So that both parts take part whatever
  // the hour of the run, the vendor's practitioners, and four of ours that report in one list,
  // also open round the clock every day (and two days of calls give ~20 bookings to share).
  const roundTheClock = (practitioner: (typeof plan.practitioners)[number], slotMinutes: number) =>
    practitioner.rules.push({
      weekdays: [1, 2, 3, 4, 5, 6, 7],
      periods: [{ start: '00:00', end: '24:00' }],
      slotMinutes,
      visibility: ['SNP'],
      modes: ['AMB'],
      bookingUrl: practitioner.rules[0].bookingUrl,
      closedOnPublicHolidays: false,
    });
  for (const practitioner of split.vendors[0].plan.practitioners) roundTheClock(practitioner, 30);
  for (const practitioner of split.ours.practitioners.filter((p) => reportsInBulk({ system: 'RPPS', value: p.rpps })).slice(0, 4))
    roundTheClock(practitioner, 60);
  let vendorSide: RunningService;
  let vendorShare: RunningVendorShare | undefined;
  let topicPrefix: string;
  let day: SimulationReport | undefined;

  beforeAll(async () => {
    process.env[SIMULATION_VENDOR_SECRET_ENV] = randomBytes(24).toString('base64url');
    await useIsolatedEnvironment('regionday_vendor');
    vendorSide = await startService('scheduling', SchedulingModule);
    await waitUntilReady(vendorSide);
    ({ topicPrefix } = await useIsolatedEnvironment('regionday'));
    const { scheduling, matching, orientation, indicators } = await startAllServices();
    // Where the simulation finds them (SCHEDULING_URL and MATCHING_URL are set by startAllServices).
    process.env.INDICATORS_URL = await indicators.app.getUrl();
    process.env.ORIENTATION_URL = await orientation.app.getUrl();
    services.push(scheduling, matching, indicators, orientation);
  }, 120_000);

  afterAll(async () => {
    await vendorShare?.close();
    await Promise.all(services.map((s) => s.close()));
    await vendorSide?.close();
    for (const name of [...URL_VARIABLES, SIMULATION_VENDOR_SECRET_ENV]) delete process.env[name];
  });

  it('seeds the region deterministically through the APIs, part of it at the vendor, and matching indexes every slot', async () => {
    const ours = split.ours;
    const report = await seedRegion(ours, serviceUrls(), { concurrency: 4, progress: false });
    expect(report).toMatchObject({ practitioners: ours.practitioners.length, structures: plan.structures.length });
    expect(report.rules).toBe([...ours.practitioners, ...ours.structures].reduce((n, p) => n + p.rules.length, 0));
    expect(report.slotsCreated).toBeGreaterThan(1000);

    const atVendor = split.vendors[0].plan.practitioners;
    expect(atVendor.length).toBeGreaterThan(0);
    vendorShare = await openVendorShare(
      serviceUrls(),
      split.vendors,
      [`http://127.0.0.1:${vendorSide.app.getHttpServer().address().port}`],
      {
        secret: process.env[SIMULATION_VENDOR_SECRET_ENV]!,
        pollIntervalSeconds: 30,
        concurrency: 4,
      },
    );
    const [vendor] = vendorShare.report.vendors;
    expect(vendor).toMatchObject({
      id: 'sim-vendor-1',
      practitioners: atVendor.length,
      requests: Math.ceil(atVendor.length / 25),
    });
    // The pull asks for the next 48 hours only: part of what the vendor holds over its horizon.
    expect(vendor.slotsPulled).toBeGreaterThan(0);
    expect(vendor.slotsPulled).toBeLessThan(vendor.slotsPublished);
    await waitUntilIndexed(serviceUrls(), await adminToken(), 60_000);
  }, 240_000);

  // More regulators than orientation's 10 pooled connections: a step that took a second connection
  // while holding one (the regulator's account, read outside the step's transaction) starved the pool.
  it('regulates every call of a simulated day and the indicators agree exactly with its counts', async () => {
    const report = (day = await simulateDay(serviceUrls(), {
      region: '11',
      scale: 0.002,
      seed: 3,
      hours: 48,
      speed: Infinity,
      regulators: 24,
      bookedElsewherePerCall: 2,
      settleMs: 60_000,
      vendors: vendorShare!.desk,
    }));
    expect(report.errors).toEqual([]);
    // The vendor part took part: slots handed over, booked at the vendor and reported to the SAS.
    expect(report.vendors!.bookedAtVendor).toBeGreaterThan(0);
    expect(report.vendors!.reportedToSas).toBeGreaterThan(report.vendors!.bookedAtVendor);
    expect(report.calls).toBeGreaterThan(0);
    expect(Object.values(report.outcomes).reduce((a, b) => a + b, 0)).toBe(report.calls);
    expect(report.indicators.find((a) => a.name === 'orientations_total')!.expected).toBe(report.calls);
    expect(report.indicatorsAgree).toBe(true);
    // Bookings per origin–destination pair and per EPCI equal the simulation's own counts.
    expect(report.territories).toMatchObject({
      pairsDisagreeing: [],
      agree: true,
      bookings: report.indicators.find((a) => a.name === 'snp_consultations_booked')!.expected,
    });
    // Among them the breakdowns by channel, age band, urgency, mode and PDSA period, and the SNP slots' utilisation.
    for (const name of ['snp_slots_booked_via_sas', 'snp_slots_taken_outside_sas', 'orientations_by_channel.116117'])
      expect(report.indicators.map((a) => a.name)).toContain(name);
    // Part of the practices reported their day's outcomes in one list, and the counts still agree.
    expect(report.outcomeLists).toBeGreaterThan(0);
  }, 240_000);

  // The day rarely brings a practitioner 20 consultations, so one is added over the cap: 24 honoured
  // on next Tuesday from 17:00, 15 minutes apart (12 before the PDSA evening, 12 in it; 6 by video).
  it('pays per practitioner what a recount of the topics gives: honoured only, 20 a week, split by PDSA period', async () => {
    expect(day?.errors).toEqual([]);
    const [scheduling, , indicators] = services;
    const busy = await practitionerWithPlace(scheduling, '92044');
    const regulator = scheduling.as(await regulatorToken(['92'], 'snp-operator', 'payments-operator'));
    const today = utcToParisLocal(new Date()).date;
    const tuesday = addDays(today, 9 - isoWeekday(today));
    const evening = parisLocalToUtc(tuesday, '17:00').getTime();
    for (let i = 0; i < 24; i++) {
      const start = new Date(evening + i * 15 * 60_000);
      const slot = await busy.practice
        .post('/slots')
        .send({
          practitionerId: busy.practitionerId,
          placeId: busy.placeId,
          start: start.toISOString(),
          end: new Date(start.getTime() + 15 * 60_000).toISOString(),
          visibility: ['SNP'],
          modes: ['AMB', 'VR'],
        })
        .expect(201);
      const booked = await regulator
        .post('/appointments')
        .send({ slotId: slot.body.id, mode: i % 4 === 0 ? 'VR' : 'AMB' })
        .expect(201);
      await busy.practice.post(`/appointments/${booked.body.id}/honoured`).send({}).expect(200);
    }

    // A BI consumer of its own reads the topics from the beginning and recounts.
    const reader = await TopicReader.open([topicPrefix + Topics.slots, topicPrefix + Topics.appointments]);
    const bi = indicators.as(await biToken());
    let last: { exported: unknown; recounted: unknown } | undefined;
    try {
      const agreed = await eventually(
        async () => {
          const recount = recountPayments(reader.messages);
          const honoured = [...recount.values()].flat().reduce((n, line) => n + line.honoured, 0);
          // Every honoured report of the day and the 24 added, read by the recount.
          if (honoured !== (day!.followUps.honoured ?? 0) + 24) return undefined;
          for (const [month, lines] of recount) {
            const answer = await bi.get('/indicators/payments').query({ month }).expect(200);
            const exported = (answer.body.rows as Record<string, unknown>[]).map(
              ({ rpps, finess, honoured, paid, paidPdsa, paidOutsidePdsa, video }) => ({
                rpps,
                finess,
                honoured,
                paid,
                paidPdsa,
                paidOutsidePdsa,
                video,
              }),
            );
            last = { exported, recounted: lines };
            if (JSON.stringify(exported) !== JSON.stringify(lines)) return undefined;
          }
          return recount;
        },
        120_000,
        'the payment export equal to the recount',
      ).catch((error: Error) => {
        // Show the difference rather than only the time-out.
        expect(last?.exported).toEqual(last?.recounted);
        throw error;
      });
      const line = agreed.get(tuesday.slice(0, 7))!.find((l) => l.rpps === busy.rpps);
      expect(line).toEqual({
        rpps: busy.rpps,
        finess: null,
        honoured: 24,
        paid: 20,
        paidPdsa: 8,
        paidOutsidePdsa: 12,
        video: 6,
      });
    } finally {
      await reader.close();
    }
  }, 240_000);
});
