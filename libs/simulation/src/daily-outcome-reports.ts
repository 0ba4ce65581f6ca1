import { addDays, parisLocalToUtc, utcToParisLocal, withLuhnDigit } from '@sas/referentials';
import { createHash } from 'node:crypto';
import { expectStatus, ServiceUrls } from './api-client';
import { Badges } from './badges';
import { Booking, LatencyLog } from './regulation-run';

type Owner = Booking['owner'];
type Reported = 'honoured' | 'no-show';

/**
 * Model assumption: the share of practices whose software reports the day's outcomes in one
 * list in the evening (POST /appointments/outcomes) rather than one by one as they happen.
 * Which practices is a stable draw on their identifier, so a practice always reports one way.
 */
export const BULK_REPORTING_SHARE = 0.5;

/** The most outcomes one list carries (scheduling's limit is 500). */
const LIST_SIZE = 200;

/**
 * Who saw the patient in a structure's slot: the simulation's structures publish slots
 * without a practitioner, so the structure's practice names a doctor on duty — a synthetic
 * but valid RPPS derived from the structure's identifier (the same doctor each time).
 */
export function dutyDoctorRpps(owner: Owner): string {
  const digits = owner.value.replace(/\D/g, '').padStart(8, '0').slice(-8);
  return withLuhnDigit(`19${digits}`);
}

/** What a practice says with an outcome: nothing more for a practitioner's slot; who saw the patient for a structure's. */
export function performedBy(owner: Owner): { performingPractitionerRpps?: string } {
  return owner.system === 'RPPS' ? {} : { performingPractitionerRpps: dutyDoctorRpps(owner) };
}

interface Held {
  booking: Booking;
  fate: Reported;
  /** Counts the outcome in the simulation's tally once scheduling has recorded it. */
  counted: () => void;
}

/** Whether a practice is of the stable share that reports its day's outcomes in one list. */
export function reportsInBulk(owner: Owner, share = BULK_REPORTING_SHARE): boolean {
  const [first] = createHash('sha256').update(`${owner.system}|${owner.value}`).digest();
  return first / 256 < share;
}

/**
 * The practices that report in bulk: their honoured and missed appointments wait in a list
 * per practice until the end of the practice's day (Paris midnight after the first one
 * held), or until the run ends, when every practice sends what it holds — so a run of a
 * couple of hours reports in bulk too. A list is recorded all or nothing; its outcomes are
 * counted only then, so the indicators still equal the simulation's counts.
 */
export class DailyOutcomeReports {
  private readonly held = new Map<string, { owner: Owner; closesAt: number; items: Held[] }>();
  lists = 0;

  constructor(
    private readonly urls: ServiceUrls,
    private readonly badges: Badges,
    private readonly latencies: LatencyLog,
    private readonly share = BULK_REPORTING_SHARE,
  ) {}

  reportsInBulk(owner: Owner): boolean {
    return reportsInBulk(owner, this.share);
  }

  /** Holds an outcome due at simulated time `at` for its practice's evening list. */
  hold(booking: Booking, fate: Reported, at: number, counted: () => void): void {
    const key = `${booking.owner.system}|${booking.owner.value}`;
    const list = this.held.get(key) ?? { owner: booking.owner, closesAt: endOfParisDay(at), items: [] };
    list.items.push({ booking, fate, counted });
    this.held.set(key, list);
  }

  /** The lists of the practices whose day has ended by simulated time `until`, sent. */
  due(until: number): Promise<void>[] {
    return [...this.held.entries()].filter(([, list]) => list.closesAt <= until).map(([key]) => this.send(key));
  }

  /** Every list still held, sent (the end of the run). */
  flushAll(): Promise<void>[] {
    return [...this.held.keys()].map((key) => this.send(key));
  }

  private async send(key: string): Promise<void> {
    const list = this.held.get(key)!;
    this.held.delete(key);
    const token = await this.badges.practice(list.owner);
    for (let i = 0; i < list.items.length; i += LIST_SIZE) {
      const part = list.items.slice(i, i + LIST_SIZE);
      const started = performance.now();
      await expectStatus(200, 'POST', `${this.urls.scheduling}/appointments/outcomes`, token, {
        outcomes: part.map(({ booking, fate }) => ({
          appointmentId: booking.appointmentId,
          outcome: fate,
          ...performedBy(booking.owner),
        })),
      });
      this.latencies.record('step', performance.now() - started, 200);
      this.lists++;
      for (const item of part) item.counted();
    }
  }
}

function endOfParisDay(at: number): number {
  return parisLocalToUtc(addDays(utcToParisLocal(new Date(at)).date, 1), '00:00').getTime();
}
