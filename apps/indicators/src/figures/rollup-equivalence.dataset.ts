import { ORIENTATION_OUTCOMES, SEARCH_WINDOW_HOURS } from '@sas/contracts';
import { regionCommunes } from '@sas/simulation';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import * as facts from '../facts/fact-recorders';
import { PendingSlotFacts } from '../facts/pending-slot-facts';

/**
 * A simulated season of SAS events for the rollup equivalence spec: slots revised (moved
 * in time and place, SNP visibility toggled, owner changed to a structure), withdrawn,
 * appointments booked, moved, cancelled, reported, cases opened late or never — every
 * path by which a fact row changes after it was first written. Days span the end of
 * summer time and the year's end, so that Paris days, ISO weeks and months are tested.
 */
export const FIRST_DAY = '2026-09-21';
export const LAST_DAY = '2027-01-10';

export type Random = () => number;
export const between = (random: Random, min: number, max: number) => min + Math.floor(random() * (max - min + 1));
export const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)];

type Write = (tx: EntityManager, slots: PendingSlotFacts) => Promise<void> | void;

const uuids = (n: number) => Array.from({ length: n }, () => randomUUID());

export function simulatedEvents(random: Random): Write[] {
  const region = regionCommunes('11');
  // A few communes per département, Paris arrondissements included, and one outside the region.
  const communes = [
    ...new Set([
      '75056',
      '75111',
      '92044',
      '92012',
      '93066',
      '94028',
      '91228',
      '95018',
      '77288',
      '78646',
      ...region.filter(() => random() < 0.01).map((c) => c.code),
    ]),
  ].filter((c) => c !== '75056');
  communes.push('33063');
  const practitioners = uuids(14);
  const structures = uuids(3);
  const span = (Date.parse(LAST_DAY) - Date.parse(FIRST_DAY)) / 60_000 + 2 * 1440;
  // Minutes from FIRST_DAY minus a day, so that some facts fall just outside the range.
  const instant = () => new Date(Date.parse(FIRST_DAY) - 1440 * 60_000 + between(random, 0, span) * 60_000).toISOString();
  const later = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();
  const writes: Write[] = [];

  for (let i = 0; i < 1600; i++) {
    const slotId = randomUUID();
    const revisions = between(random, 0, 3);
    for (let revision = 1; revision <= revisions; revision++) {
      const byStructure = random() < 0.2;
      const start = instant();
      const state = {
        slotId,
        ownerId: byStructure ? pick(random, structures) : pick(random, practitioners),
        practitionerId: byStructure ? (random() < 0.5 ? pick(random, practitioners) : undefined) : undefined,
        structureId: byStructure ? pick(random, structures) : undefined,
        place: { communeCode: pick(random, communes) },
        start,
        end: later(start, pick(random, [15, 20, 30, 45])),
        visibility: random() < 0.7 ? ['SNP', 'PRO'] : ['PUBLIC'],
        appointmentType: random() < 0.1 ? 'WALKIN' : 'ROUTINE',
        revision,
      };
      if (!byStructure) state.practitionerId = state.ownerId;
      writes.push((_, slots) => slots.state(state as never));
    }
    if (random() < 0.15) {
      const withdrawal = {
        slotId,
        ownerId: pick(random, practitioners),
        practitionerId: pick(random, practitioners),
        reason: 'cancelled-by-owner',
        revision: revisions + 1,
      };
      writes.push((_, slots) => slots.withdrawal(withdrawal as never));
    }
  }

  for (let i = 0; i < 700; i++) {
    const caseId = randomUUID();
    const communeCode = pick(random, communes);
    const territory = communeCode.startsWith('33') ? '33' : communeCode.slice(0, 2);
    const callReceivedAt = instant();
    if (random() < 0.9)
      writes.push((tx) => facts.recordCaseOpened(tx, { caseId, territory, communeCode, callReceivedAt } as never));
    for (let step = 0; step < between(random, 0, 2); step++) {
      const result = random() < 0.6 ? 'consultation-needed' : 'advice-only';
      writes.push((tx) =>
        facts.recordCaseStep(tx, {
          caseId,
          territory,
          step: 'assessment',
          result,
          recordedAt: later(callReceivedAt, 5 + step),
        } as never),
      );
    }
    for (let o = 0; o < between(random, 0, 2); o++) {
      const outcome = random() < 0.5 ? 'snp-consultation' : pick(random, ORIENTATION_OUTCOMES);
      // Ties and both sides of 24 h and 48 h.
      const delayMinutes =
        outcome === 'snp-consultation'
          ? random() < 0.3
            ? pick(random, [90, 1440, 1441, SEARCH_WINDOW_HOURS * 60])
            : between(random, 20, 4000)
          : undefined;
      const orientation = {
        caseId,
        orientedAt: later(callReceivedAt, 10 + o * 30),
        territory,
        communeCode,
        callReceivedAt,
        outcome,
        reorientation: o > 0,
        delayMinutes,
        appointment: delayMinutes ? { practitionerId: pick(random, practitioners) } : undefined,
      };
      writes.push((tx) => facts.recordOrientation(tx, orientation as never));
    }
    if (random() < 0.6)
      writes.push(
        ...appointmentWrites(random, random() < 0.85 ? caseId : undefined, callReceivedAt, communes, practitioners, structures),
      );
  }
  return writes;
}

function appointmentWrites(
  random: Random,
  caseId: string | undefined,
  callReceivedAt: string,
  communes: string[],
  practitioners: string[],
  structures: string[],
): Write[] {
  const later = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();
  const appointmentId = randomUUID();
  const placement = () => ({
    practitionerId: pick(random, practitioners),
    structureId: random() < 0.2 ? pick(random, structures) : undefined,
    communeCode: pick(random, communes),
  });
  const first = {
    appointmentId,
    caseId,
    ...placement(),
    start: later(callReceivedAt, between(random, 30, 4000)),
    bookedAt: later(callReceivedAt, 15),
  };
  const writes: Write[] = [(tx) => facts.recordBooked(tx, first as never)];
  if (random() < 0.2)
    writes.push((tx) =>
      facts.recordMoved(tx, {
        appointmentId,
        caseId,
        ...placement(),
        start: later(first.start, between(random, -600, 3000)),
        movedAt: later(first.bookedAt, 60),
      } as never),
    );
  const fate = random();
  if (fate < 0.15) writes.push((tx) => facts.recordCancelled(tx, { ...first, cancelledAt: later(first.bookedAt, 90) } as never));
  if (fate > 0.3)
    writes.push((tx) =>
      facts.recordReported(tx, { ...first, reportedAt: later(first.start, 30) } as never, fate > 0.85 ? 'no-show' : 'honoured'),
    );
  // A burst of bookings for one practitioner in one week, so that some reach the weekly cap.
  if (random() < 0.05) {
    const practitionerId = pick(random, practitioners);
    for (let n = 0; n < 21; n++) {
      const burst = { ...first, appointmentId: randomUUID(), practitionerId, start: later(first.start, n * 20) };
      writes.push((tx) => facts.recordBooked(tx, burst as never));
    }
  }
  return writes;
}

/** Applies the writes shuffled, in transactions of 1 to 60 as the consumer's batches, slot facts written before each commit. */
export async function writeInRandomBatches(db: DataSource, writes: Write[], random: Random): Promise<void> {
  for (let i = writes.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [writes[i], writes[j]] = [writes[j], writes[i]];
  }
  for (let at = 0; at < writes.length;) {
    const batch = writes.slice(at, (at += between(random, 1, 60)));
    await db.transaction(async (tx) => {
      const slots = new PendingSlotFacts();
      for (const write of batch) await write(tx, slots);
      await slots.write(tx);
    });
  }
}
