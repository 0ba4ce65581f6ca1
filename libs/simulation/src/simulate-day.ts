import { signDevelopmentToken } from '@sas/auth';
import { addDays, utcToParisLocal } from '@sas/referentials';
import { call, expectStatus, forEachConcurrently, pause, ServiceUrls } from './api-client';
import { arrivalTimes, callDraw } from './call-model';
import { LatencySummary, Latencies } from './latency-log';
import { scrapeTotals } from './metrics-scrape';
import { seededRandom } from './random';
import { regionCommunes } from './region-communes';
import { Badges, tokenCache } from './badges';
import { Booking, CallResult, followUp, regulateCall } from './regulation-run';
import { DailyOutcomeReports } from './daily-outcome-reports';
import { Agreement, compare, sumRows, Tally } from './tally';
import { compareTerritories, readTerritoryCounts, TerritoryComparison, TerritoryTally } from './territory-tally';
import { BreakdownTally, CHECKED_DIMENSIONS, compareBreakdowns, measuredBreakdowns } from './breakdown-tally';
import { VendorCounts, VendorDesk } from './vendor-desk';

export interface SimulationOptions {
  region: string;
  scale: number;
  seed: number;
  hours: number;
  /** Simulated seconds per real second; Infinity replays as fast as the system allows. */
  speed: number;
  /** Regulators working at once when replaying as fast as possible. */
  regulators: number;
  /** Slots of the results seen that the public books elsewhere, per call. */
  bookedElsewherePerCall: number;
  /**
   * The local hour the simulated span starts at on the daily curve of calls (for a
   * span of the day, e.g. the morning peak, whatever the time of the run); default:
   * the current hour in Paris. The services keep their own clock either way.
   */
  fromHour?: number;
  /** How long to wait for the indicators to agree. */
  settleMs?: number;
  log?: (line: string) => void;
  /** The agenda vendors holding part of the region (`--vendor-share`): their slots are handed over and booked there. */
  vendors?: VendorDesk;
}

export interface SimulationReport {
  calls: number;
  wallSeconds: number;
  simulatedHours: number;
  speedUp: number;
  callsPerSecond: number;
  outcomes: Record<string, number>;
  followUps: Record<string, number>;
  /** Lists of a day's outcomes sent by the practices that report in bulk (daily-outcome-reports.ts). */
  outcomeLists: number;
  bookedElsewhere: number;
  latency: { search: LatencySummary; booking: LatencySummary; step: LatencySummary };
  statuses: Record<string, number>;
  churnEventsPerSecond: number;
  maxConsumerLag: Record<string, number>;
  errors: string[];
  indicators: Agreement[];
  indicatorsAgree: boolean;
  /** Bookings per origin–destination pair and per EPCI, against the indicators' (territory-tally.ts). */
  territories: TerritoryComparison;
  vendors?: VendorCounts;
}

/**
 * A simulated SAS day through the real APIs: calls arrive with the daily curve, each
 * is regulated by the chain of roles, bookings are honoured, missed or cancelled when
 * their time comes, the public books other slots elsewhere. The services keep their
 * own clock: only arrivals and think times are compressed by `speed`. At the end the
 * indicators must equal the simulation's own counts.
 */
export async function simulateDay(urls: ServiceUrls, options: SimulationOptions): Promise<SimulationReport> {
  const log = options.log ?? (() => {});
  const random = seededRandom(options.seed * 7919 + 1);
  const communes = regionCommunes(options.region);
  const population = communes.reduce((s, c) => s + c.population, 0);
  const simStart = new Date();
  const localHourAt = options.fromHour === undefined ? parisHourAt : curveFrom(simStart, options.fromHour);
  const arrivals = arrivalTimes(random, population, simStart, options.hours, options.scale, localHourAt);
  const draw = callDraw(communes, random);
  const profiles = arrivals.map(() => draw());
  log(
    `${arrivals.length} calls over ${options.hours} simulated hours${options.fromHour === undefined ? '' : ` from ${options.fromHour}:00 on the daily curve`} (scale ${options.scale}, speed ${options.speed === Infinity ? 'max' : options.speed})`,
  );

  const badges = tokenCache();
  const admin = await signDevelopmentToken({ role: 'admin', subject: 'simulation' });
  const bi = await signDevelopmentToken({ role: 'bi', subject: 'simulation' });
  const days = { from: utcToParisLocal(simStart).date, to: addDays(utcToParisLocal(simStart).date, 2) };
  const tally = new Tally();
  const breakdowns = new BreakdownTally();
  // Slots are counted by their start: a booking made at the end of the span may start two days later.
  const slotDays = { from: days.from, to: addDays(days.from, Math.ceil(options.hours / 24) + 3) };
  const before = await indicatorRows(urls, bi, days);
  const territoryTally = new TerritoryTally();
  const territoriesBefore = await readTerritoryCounts(urls, bi, days, options.region);
  const breakdownsBefore = await breakdownCounts(urls, bi, days, slotDays);
  const latencies = new Latencies();
  const errors: string[] = [];
  const outcomes: Record<string, number> = {};
  const fates: Record<string, number> = {};
  let bookedElsewhere = 0;
  const pending: { dueSim: number; booking: Booking; fate: 'cancelled' | 'no-show' | 'honoured' }[] = [];
  const dailyReports = new DailyOutcomeReports(urls, badges, latencies);
  const inFlight = new Set<Promise<unknown>>();
  const noteError = (error: Error) => void (errors.length < 20 && errors.push(error.message));
  const track = (work: Promise<unknown>) => {
    const p = work.catch(noteError).finally(() => inFlight.delete(p));
    inFlight.add(p);
  };

  const wallStart = Date.now();
  let maxSim = simStart.getTime();
  const simNow = () => (options.speed === Infinity ? maxSim : simStart.getTime() + (Date.now() - wallStart) * options.speed);
  const simEnd = simStart.getTime() + options.hours * 3600_000;
  const think =
    options.speed === Infinity ? () => Promise.resolve() : (seconds: number) => pause((seconds * 1000) / options.speed);
  const matchingEventsBefore = (await scrapeTotals(urls.matching, admin)).get('sas_consumer_events_total') ?? 0;
  const maxLag: Record<string, number> = {};
  const sampler = setInterval(() => {
    for (const [name, url] of Object.entries(urls)) {
      scrapeTotals(url, admin)
        .then((m) => (maxLag[name] = Math.max(maxLag[name] ?? 0, m.get('sas_consumer_lag_messages') ?? 0)))
        .catch(() => undefined);
    }
    dueFollowUps(simNow());
  }, 1000);

  const dueFollowUps = (until: number) => {
    pending.sort((a, b) => a.dueSim - b.dueSim);
    while (pending.length && pending[0].dueSim <= until) {
      const { booking, fate, dueSim } = pending.shift()!;
      const counted = () => {
        tally.followUp(fate);
        if (fate === 'honoured') territoryTally.honoured(booking);
        if (fate === 'cancelled') breakdowns.cancelled(booking);
        fates[fate] = (fates[fate] ?? 0) + 1;
      };
      // Part of the practices report the day's outcomes in one list (daily-outcome-reports.ts);
      // an appointment taken at a vendor is followed up by the vendor only (its PUT).
      if (fate !== 'cancelled' && !booking.vendor && dailyReports.reportsInBulk(booking.owner))
        dailyReports.hold(booking, fate, dueSim, counted);
      else track(followUp(booking, fate, urls, badges, latencies).then(counted));
    }
    for (const list of dailyReports.due(until)) track(list);
  };

  const handle = async (index: number, seat: number) => {
    const profile = profiles[index];
    const bookedAtSim = simNow();
    // Each regulator seat has its own account (and its own rate limits), as on a real platform.
    const seated: Badges = { ...badges, regulator: (territory, fn) => badges.regulator(territory, fn, seat) };
    const result: CallResult = await regulateCall(
      profile,
      urls,
      seated,
      latencies,
      think,
      (needed) => tally.assessed(needed),
      options.vendors,
    );
    tally.call(result);
    if (result.booking) territoryTally.booked(result.booking);
    breakdowns.call(profile, result);
    outcomes[result.outcome] = (outcomes[result.outcome] ?? 0) + 1;
    if (result.booking) {
      const start = result.booking.start.getTime();
      const dueSim =
        profile.fate === 'cancelled' ? bookedAtSim + profile.cancelAt * Math.max(0, start - bookedAtSim) : start + 30 * 60_000;
      if (dueSim <= simEnd) pending.push({ dueSim, booking: result.booking, fate: profile.fate });
    }
    for (const slot of result.otherSlots.slice(0, options.bookedElsewherePerCall)) {
      if (options.vendors?.siteOf(slot.practitioner)) {
        if (await options.vendors.bookElsewhere(slot)) {
          bookedElsewhere++;
          breakdowns.bookedElsewhere(slot.visibility);
        }
        continue;
      }
      const token = await badges.practice((slot.practitioner ?? slot.structure)!);
      const answer = await call('POST', `${urls.scheduling}/slots/${slot.slotId}/booked-elsewhere`, token);
      if (answer.status === 200) {
        bookedElsewhere++;
        breakdowns.bookedElsewhere(slot.visibility);
      } else if (answer.status !== 409) throw new Error(`booked-elsewhere → ${answer.status}`);
    }
  };

  if (options.speed === Infinity) {
    // Each regulator seat takes the next call as soon as it is free.
    await forEachConcurrently(arrivals, options.regulators, async (arrival, index, seat) => {
      maxSim = Math.max(maxSim, simStart.getTime() + arrival);
      await handle(index, seat).catch(noteError);
      dueFollowUps(simNow());
    });
  } else {
    for (let index = 0; index < profiles.length; index++) {
      const wait = wallStart + arrivals[index] / options.speed - Date.now();
      if (wait > 0) await pause(wait);
      track(handle(index, index % options.regulators));
    }
  }
  while (inFlight.size) await Promise.all([...inFlight]);
  maxSim = simEnd;
  dueFollowUps(Math.min(simEnd, simNow()));
  for (const list of dailyReports.flushAll()) track(list);
  while (inFlight.size) await Promise.all([...inFlight]);
  const wallSeconds = (Date.now() - wallStart) / 1000;
  clearInterval(sampler);
  const matchingEventsAfter = (await scrapeTotals(urls.matching, admin)).get('sas_consumer_events_total') ?? 0;

  // The indicators must come to equal the simulation's own counts.
  let agreement: Agreement[] = [];
  let territories: TerritoryComparison;
  const deadline = Date.now() + (options.settleMs ?? 120_000);
  for (;;) {
    const names = tally.names();
    agreement = [
      ...compare(tally, sumRows(before, names), sumRows(await indicatorRows(urls, bi, days), names)),
      ...compareBreakdowns(breakdowns.expected(), breakdownsBefore, await breakdownCounts(urls, bi, days, slotDays)),
    ];
    territories = compareTerritories(
      territoryTally,
      territoriesBefore,
      await readTerritoryCounts(urls, bi, days, options.region),
    );
    if ((agreement.every((a) => a.expected === a.measured) && territories.agree) || Date.now() > deadline) break;
    await pause(1000);
  }
  return {
    calls: profiles.length,
    wallSeconds: +wallSeconds.toFixed(1),
    simulatedHours: options.hours,
    speedUp: +((options.hours * 3600) / wallSeconds).toFixed(1),
    callsPerSecond: +(profiles.length / wallSeconds).toFixed(2),
    outcomes,
    followUps: fates,
    outcomeLists: dailyReports.lists,
    bookedElsewhere,
    latency: { search: latencies.summary('search'), booking: latencies.summary('booking'), step: latencies.summary('step') },
    statuses: Object.fromEntries(latencies.statuses),
    churnEventsPerSecond: Math.round((matchingEventsAfter - matchingEventsBefore) / wallSeconds),
    maxConsumerLag: maxLag,
    errors,
    indicators: agreement,
    indicatorsAgree: agreement.every((a) => a.expected === a.measured),
    territories,
    ...(options.vendors && { vendors: options.vendors.counts }),
  };
}

async function indicatorRows(
  urls: ServiceUrls,
  token: string,
  days: { from: string; to: string },
): Promise<Record<string, unknown>[]> {
  const answer = await expectStatus<{ rows: Record<string, unknown>[] }>(
    200,
    'GET',
    `${urls.indicators}/indicators?from=${days.from}&to=${days.to}`,
    token,
  );
  return answer.rows;
}

/** Orientations by each checked dimension and the SNP slots' utilisation, summed over territories and periods. */
async function breakdownCounts(
  urls: ServiceUrls,
  token: string,
  days: { from: string; to: string },
  slotDays: { from: string; to: string },
): Promise<Map<string, number>> {
  const rows = async (path: string, query: string) =>
    (await expectStatus<{ rows: Record<string, unknown>[] }>(200, 'GET', `${urls.indicators}${path}?${query}`, token)).rows;
  const byDimension: Record<string, Record<string, unknown>[]> = {};
  for (const dimension of CHECKED_DIMENSIONS)
    byDimension[dimension] = await rows('/indicators/breakdowns', `from=${days.from}&to=${days.to}&groupBy=${dimension}`);
  return measuredBreakdowns(byDimension, await rows('/indicators/slot-utilisation', `from=${slotDays.from}&to=${slotDays.to}`));
}

function parisHourAt(instant: Date) {
  const local = utcToParisLocal(instant);
  return { hour: Number(local.time.slice(0, 2)), weekend: local.weekday >= 6 };
}

/** The daily curve read as if the span began at `fromHour` on the day of `start` (a weekday or not as that day is). */
function curveFrom(start: Date, fromHour: number) {
  const weekend = utcToParisLocal(start).weekday >= 6;
  return (instant: Date) => ({ hour: (fromHour + Math.floor((instant.getTime() - start.getTime()) / 3600_000)) % 24, weekend });
}
