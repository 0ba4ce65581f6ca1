import { Injectable, Logger } from '@nestjs/common';
import { KafkaClient, MemoryInbox, ReplayConsumer } from '@sas/messaging';
import { readSettings } from '@sas/settings';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { SlotIndex } from '../index/slot-index';
import { WeeklyLoad } from '../ranking/weekly-load';
import { SNAPSHOT_SETTINGS } from '../settings';
import { decodeSnapshot, encodeSnapshot, MatchingSnapshot } from './snapshot-format';

/** What a start took from a snapshot, for readiness details and tests. */
export interface RestoredSnapshot {
  takenAt: string;
  slots: number;
  milliseconds: number;
}

/**
 * Snapshots of the read model (index, weekly load, inbox) with the topic positions they
 * stand at, so that a replica starts from the latest one and replays only the events
 * after it, instead of the topics from the beginning. Kept in MATCHING_SNAPSHOT_DIR
 * (unset: none, every start replays everything), one file, replaced atomically; any
 * replica's snapshot of the same topics serves any other. Taken every
 * MATCHING_SNAPSHOT_EVERY_SECONDS (default 300) between two batches of the consumer —
 * when the model and the positions agree — and once more at shutdown. A snapshot of
 * another Kafka cluster, or whose positions the topics no longer hold, is ignored.
 */
@Injectable()
export class IndexSnapshots {
  private readonly logger = new Logger('IndexSnapshots');
  private readonly settings = readSettings(SNAPSHOT_SETTINGS);
  readonly directory = this.settings.MATCHING_SNAPSHOT_DIR || undefined;
  private readonly everyMs = this.settings.MATCHING_SNAPSHOT_EVERY_SECONDS * 1000;
  private clusterId?: string;
  private lastTakenMs = Date.now();
  /** A snapshot being encoded or written. */
  private busy?: Promise<void>;
  /** Set when this start restored a snapshot. */
  restored?: RestoredSnapshot;

  constructor(
    private readonly kafka: KafkaClient,
    private readonly index: SlotIndex,
    private readonly load: WeeklyLoad,
  ) {}

  private get file(): string | undefined {
    return this.directory && join(this.directory, 'matching-index.snapshot');
  }

  /** Restores the latest usable snapshot, if any, and makes the consumer resume where it stands. */
  async restore(consumer: ReplayConsumer, inbox: MemoryInbox): Promise<void> {
    const file = this.file;
    if (!file) return;
    const started = performance.now();
    let snapshot: MatchingSnapshot;
    try {
      snapshot = decodeSnapshot(await readFile(file));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
        this.logger.warn(`snapshot ignored, replaying the topics: ${(error as Error).message}`);
      return;
    }
    const unusable = await this.unusable(snapshot).catch((error: Error) => `cannot check it against Kafka (${error.message})`);
    if (unusable) {
      this.logger.warn(`snapshot ignored, replaying the topics: ${unusable}`);
      return;
    }
    this.index.importRows(snapshot.index);
    this.load.restore(snapshot.appointments);
    for (const id of snapshot.inboxIds) inbox.add(id);
    consumer.resumeAt(snapshot.positions);
    this.lastTakenMs = Date.now();
    this.restored = { takenAt: snapshot.takenAt, slots: this.index.size, milliseconds: Math.round(performance.now() - started) };
    this.logger.log(
      `restored ${this.restored.slots} slots from the snapshot of ${snapshot.takenAt} in ${this.restored.milliseconds} ms; replaying the events since`,
    );
  }

  /** Why a snapshot cannot be gone on from on the cluster connected to, if it cannot. */
  private async unusable(snapshot: MatchingSnapshot): Promise<string | undefined> {
    const admin = await this.kafka.sharedAdmin();
    this.clusterId = (await admin.describeCluster()).clusterId;
    if (snapshot.clusterId !== this.clusterId) return `taken on Kafka cluster ${snapshot.clusterId}, this is ${this.clusterId}`;
    const byTopic = new Map<string, [number, bigint][]>();
    for (const [tp, offset] of snapshot.positions) {
      const at = tp.lastIndexOf(':');
      const topic = tp.slice(0, at);
      if (!byTopic.has(topic)) byTopic.set(topic, []);
      byTopic.get(topic)!.push([Number(tp.slice(at + 1)), offset]);
    }
    for (const [topic, positions] of byTopic) {
      const offsets = await admin.fetchTopicOffsets(topic);
      for (const [partition, offset] of positions) {
        const held = offsets.find((o) => o.partition === partition);
        if (!held) return `${topic}:${partition} no longer exists`;
        if (offset < BigInt(held.low) || offset > BigInt(held.high))
          return `${topic}:${partition} holds offsets ${held.low}–${held.high}, the snapshot stands at ${offset}`;
      }
    }
    return undefined;
  }

  /**
   * Called between two batches, when the model agrees with the consumer's positions:
   * takes a snapshot when one is due. The model is copied now (memory copies, tens of
   * milliseconds for millions of slots); the copy is encoded, slice by slice with
   * searches answered in between, and written while the consumer goes on.
   */
  afterBatch(consumer: ReplayConsumer, inbox: MemoryInbox): void {
    if (!this.file || this.busy || Date.now() - this.lastTakenMs < this.everyMs) return;
    if (!this.clusterId) {
      void this.kafka
        .sharedAdmin()
        .then((admin) => admin.describeCluster())
        .then(({ clusterId }) => (this.clusterId = clusterId))
        .catch(() => undefined);
      return;
    }
    this.busy = this.encodeAndWrite(this.copy(consumer, inbox, this.clusterId)).finally(() => (this.busy = undefined));
  }

  /** Takes a snapshot now: for a consumer that is stopped (shutdown), whose model no longer changes. */
  async takeStopped(consumer: ReplayConsumer, inbox: MemoryInbox): Promise<void> {
    if (!this.file) return;
    await this.busy;
    try {
      this.clusterId ??= (await (await this.kafka.sharedAdmin()).describeCluster()).clusterId;
    } catch (error) {
      this.logger.warn(`no snapshot at shutdown, Kafka unreachable: ${(error as Error).message}`);
      return;
    }
    await this.encodeAndWrite(this.copy(consumer, inbox, this.clusterId));
  }

  /** The model and the positions, copied (synchronously: they agree now). */
  private copy(consumer: ReplayConsumer, inbox: MemoryInbox, clusterId: string): MatchingSnapshot {
    this.lastTakenMs = Date.now();
    return {
      clusterId,
      takenAt: new Date().toISOString(),
      positions: consumer.currentPositions(),
      index: this.index.exportRows(),
      appointments: this.load.entries(),
      inboxIds: inbox.ids(),
    };
  }

  private async encodeAndWrite(snapshot: MatchingSnapshot): Promise<void> {
    try {
      await this.write(await encodeSnapshot(snapshot, () => new Promise((resolve) => setImmediate(resolve))));
    } catch (error) {
      this.logger.warn(`snapshot not taken: ${(error as Error).message}`);
    }
  }

  /** Writes the file beside the current one and renames it over it; a failure is logged (a snapshot missed costs a longer start). */
  private async write(pieces: Buffer[]): Promise<void> {
    const file = this.file!;
    const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
    try {
      await mkdir(this.directory!, { recursive: true });
      const handle = await open(temporary, 'w');
      try {
        // Not synced to disk: a file cut short by a crash is refused at restore (decodeSnapshot)
        // and costs a full replay, where forcing 100 MB to disk every few minutes would stall
        // the disk PostgreSQL and Kafka write to.
        for (const piece of pieces) await handle.write(piece);
      } finally {
        await handle.close();
      }
      await rename(temporary, file);
    } catch (error) {
      this.logger.warn(`snapshot not written: ${(error as Error).message}`);
      await rm(temporary, { force: true });
    }
  }
}
