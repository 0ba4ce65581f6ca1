import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Topics } from '@sas/contracts';
import { endOffsets, EventConsumers, KafkaClient, remainingMessages } from '@sas/messaging';
import { Conflict } from '@sas/platform';
import { DataSource } from 'typeorm';
import { EVENT_COUNTS_GROUP } from '../event-counts/event-counts.consumer';
import { FACTS_GROUP } from '../facts/facts.consumer';
import { ROLLUP_TABLES } from '../facts/daily-rollup';

export interface RebuildReport {
  events: number;
  seconds: number;
}

const TOPICS = [Topics.slots, Topics.appointments, Topics.cases];

/**
 * Recomputes every figure from the topics: stops the consumers, empties the facts and
 * their inbox, forgets the consumer groups' offsets, and replays from the beginning until
 * the topics' ends as they were when the replay began. Figures are partial meanwhile.
 */
@Injectable()
export class RebuildService {
  private readonly logger = new Logger(RebuildService.name);
  private running?: Promise<RebuildReport>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly kafka: KafkaClient,
    private readonly consumers: EventConsumers,
  ) {}

  get inProgress(): boolean {
    return this.running !== undefined;
  }

  rebuild(): Promise<RebuildReport> {
    if (this.running) throw new Conflict('rebuild-running', 'a rebuild is already running');
    this.running = this.replay().finally(() => (this.running = undefined));
    return this.running;
  }

  private async replay(): Promise<RebuildReport> {
    const started = performance.now();
    const consumers = [this.consumers.get(FACTS_GROUP), this.consumers.get(EVENT_COUNTS_GROUP)];
    await Promise.all(consumers.map((c) => c.stop()));
    await this.db.transaction(async (tx) => {
      // The rollups go with the facts (TRUNCATE fires no row trigger); the replay's facts refill them.
      await tx.query(
        `TRUNCATE indicators.slot_fact, indicators.case_fact, indicators.appointment_fact, indicators.orientation_fact, indicators.event_count, ${ROLLUP_TABLES.map((t) => `indicators.${t}`).join(', ')}`,
      );
      await tx.query(`DELETE FROM indicators.inbox WHERE consumer = ANY($1)`, [consumers.map((c) => c.groupId)]);
    });
    await this.forgetOffsets(consumers.map((c) => c.kafkaGroupId));
    const targets = await endOffsets(this.kafka, TOPICS);
    for (const consumer of consumers) void consumer.start();
    let events = 0;
    for (const { low, high } of targets.values()) events += Number(high - low);
    while (consumers.some((c) => remainingMessages(c.currentPositions(), targets) > 0n))
      await new Promise((r) => setTimeout(r, 200));
    const seconds = +((performance.now() - started) / 1000).toFixed(2);
    this.logger.log({ msg: 'indicators rebuilt from the topics', events, seconds });
    return { events, seconds };
  }

  /** Deletes the groups so the consumers start again from the beginning; members may take a session timeout to leave. */
  private async forgetOffsets(groupIds: string[]): Promise<void> {
    const admin = await this.kafka.sharedAdmin();
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        const existing = new Set((await admin.listGroups()).groups.map((g) => g.groupId));
        const present = groupIds.filter((g) => existing.has(g));
        if (present.length) await admin.deleteGroups(present);
        return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  }
}
