import { signDevelopmentToken } from '@sas/auth';
import { rpps } from '../support/scheduling-fixtures';
import { ChaosStack } from './chaos-stack';

/** What the clients saw: every request, its outcome, and the writes the system accepted. */
export interface TrafficLog {
  sent: number;
  accepted: number;
  /** Refused or failed requests by HTTP status, or `network` when no answer came. */
  rejected: Record<string, number>;
  acceptedSlots: Set<string>;
  /** Appointment id → slot id, for bookings answered 201. */
  acceptedBookings: Map<string, string>;
}

let stem = 3_000_000_000 + Math.floor(Math.random() * 1e7) * 10;

/**
 * Practices publishing batches of slots and regulators booking them, through the real
 * HTTP APIs, while a scenario injects its fault. Runs until stopped.
 */
export class Traffic {
  readonly log: TrafficLog = { sent: 0, accepted: 0, rejected: {}, acceptedSlots: new Set(), acceptedBookings: new Map() };
  private owners: { practitionerId: string; placeId: string }[] = [];
  private practice = '';
  private regulators: string[] = [];
  private running = false;
  private loops: Promise<void>[] = [];
  private nextStart = Math.ceil(Date.now() / 3600_000) * 3600_000 + 2 * 86400_000;
  private readonly bookable: string[] = [];

  constructor(private readonly stack: ChaosStack) {}

  async prepare(practitioners = 4): Promise<void> {
    const numbers = Array.from({ length: practitioners }, () => rpps((stem += 10)));
    this.practice = await signDevelopmentToken({ role: 'practice', practitionerRpps: numbers, ttlSeconds: 4 * 3600 });
    this.regulators = await Promise.all(
      [1, 2, 3].map((i) =>
        signDevelopmentToken({
          role: 'regulator',
          regulatorFunction: 'snp-operator',
          territories: ['92'],
          subject: `chaos-${i}`,
          ttlSeconds: 4 * 3600,
        }),
      ),
    );
    for (const number of numbers) {
      const practitioner = await this.post(
        'scheduling',
        '/practitioners',
        { rpps: number, profession: 'general-practitioner', specialties: ['SM54'] },
        this.practice,
        false,
      );
      const place = await this.post(
        'scheduling',
        '/places',
        { practitionerId: practitioner.body.id, communeCode: '92044', latitude: 48.8939, longitude: 2.2879 },
        this.practice,
        false,
      );
      this.owners.push({ practitionerId: String(practitioner.body.id), placeId: String(place.body.id) });
    }
  }

  /** Publishing (batches of `batchSize`) and booking loops, until `stop()`. */
  start({ batchSize = 20, pauseMs = 100 } = {}): void {
    this.running = true;
    this.loops = [this.publishLoop(batchSize, pauseMs), this.bookLoop(0, pauseMs), this.bookLoop(1, pauseMs)];
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }

  /** Publishes `count` batches now (outside a fault), for scenarios that only book. */
  async publish(count: number, batchSize = 20): Promise<void> {
    for (let i = 0; i < count; i++) await this.publishBatch(batchSize);
  }

  private async publishLoop(batchSize: number, pauseMs: number): Promise<void> {
    while (this.running) {
      await this.publishBatch(batchSize);
      await sleep(pauseMs);
    }
  }

  private async publishBatch(batchSize: number): Promise<void> {
    const owner = this.owners[this.log.sent % this.owners.length];
    const slots = Array.from({ length: batchSize }, () => {
      const start = new Date((this.nextStart += 15 * 60_000));
      return {
        ...owner,
        start: start.toISOString(),
        end: new Date(start.getTime() + 15 * 60_000).toISOString(),
        visibility: ['SNP'],
        modes: ['AMB'],
      };
    });
    // Each practitioner's slots follow each other: a new batch never overlaps an earlier one.
    const res = await this.post('scheduling', '/slots/batch', { slots }, this.practice);
    if (res.status !== 201) return;
    for (const id of res.body.ids as string[]) {
      this.log.acceptedSlots.add(id);
      this.bookable.push(id);
    }
  }

  private async bookLoop(client: number, pauseMs: number): Promise<void> {
    while (this.running) {
      const slotId = this.bookable.splice(Math.floor(Math.random() * this.bookable.length), 1)[0];
      if (slotId) {
        const res = await this.post('scheduling', '/appointments', { slotId }, this.regulators[client]);
        if (res.status === 201) this.log.acceptedBookings.set(String(res.body.id), slotId);
      }
      await sleep(pauseMs);
    }
  }

  /** Books `count` of the published slots, two at a time (half of them twice, by two regulators at once). */
  async bookBurst(count: number): Promise<void> {
    for (let i = 0; i < count && this.bookable.length; i++) {
      const slotId = this.bookable.shift()!;
      const answers = await Promise.all(
        [0, 1].map((c) => this.post('scheduling', '/appointments', { slotId }, this.regulators[c])),
      );
      for (const res of answers) if (res.status === 201) this.log.acceptedBookings.set(String(res.body.id), slotId);
    }
  }

  private async post(
    service: 'scheduling',
    path: string,
    body: unknown,
    token: string,
    counted = true,
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    if (counted) this.log.sent++;
    try {
      const res = await fetch(`${this.stack.url(service)}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(10_000),
      });
      const answer = { status: res.status, body: (await res.json().catch(() => ({}))) as Record<string, unknown> };
      if (counted) {
        if (res.status < 300) this.log.accepted++;
        else this.log.rejected[res.status] = (this.log.rejected[res.status] ?? 0) + 1;
      } else if (res.status >= 300) {
        throw new Error(`${path} answered ${res.status}: ${JSON.stringify(answer.body).slice(0, 200)}`);
      }
      return answer;
    } catch (error) {
      if (!counted) throw error;
      this.log.rejected.network = (this.log.rejected.network ?? 0) + 1;
      await sleep(200); // a client backs off when nobody answers
      return { status: 0, body: {} };
    }
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
