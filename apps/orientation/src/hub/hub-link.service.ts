import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Backoff } from '@sas/messaging';
import { HubConnection } from './hub-connection';
import { readFeedback, reportEnvelope } from './hub-envelope';
import { DueHubMessage, HubLedger, SentHubMessage } from './hub-ledger';
import { isWholeAppointment, LrmAppointment, updatedAppointment } from './lrm-appointment';
import { HubMetrics } from './hub-metrics';
import { HubSettings } from './hub-settings';
import { HUB_SETTINGS } from './hub-tokens';

const BATCH = 200;
/** How long an update whose creation was not read yet waits before it is looked at again. */
const HOLD_MS = 1000;

/**
 * Sends the ledger's due messages to Hub Santé and records what the hub says back.
 * A message is sent again (same distribution id) until the LRM acknowledges it, rejects
 * it, or it expires; while the hub is unreachable, messages wait in the ledger.
 */
@Injectable()
export class HubLinkService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(HubLinkService.name);
  private readonly connection?: HubConnection;
  private readonly backoff = new Backoff(500, 10_000);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private retryAt = 0;
  /** Why the last dispatch could not send, once its ledger updates are committed. */
  private failure?: Error;

  constructor(
    @Inject(HUB_SETTINGS) private readonly settings: HubSettings | undefined,
    private readonly ledger: HubLedger,
    private readonly metrics: HubMetrics,
    private readonly dataSource: DataSource,
  ) {
    if (settings) this.connection = new HubConnection(settings, (queue, body) => this.feedback(queue, body));
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.settings) {
      this.logger.log('Hub Santé link off: HUB_SANTE_URL is not set, orientations are not sent to the SAMUs');
      return;
    }
    const samus = [...this.settings.samuByTerritory].map(([t, samu]) => `${t}=${samu}`).join(', ');
    this.logger.log(
      `Hub Santé link on as ${this.settings.clientId} to ${this.settings.url.replace(/\/\/[^@/]*@/, '//…@')}: ${samus}`,
    );
    await this.reportTerritoriesWithoutSamu();
    this.timer = setInterval(() => void this.tick(), this.settings.dispatchIntervalMs);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
    await this.connection?.close();
  }

  /** Runs one dispatch now (tests and benchmarks); resolves the number of messages handled. */
  async dispatchOnce(): Promise<number> {
    if (!this.connection) return 0;
    return this.ledger.withDueMessages(BATCH, (due, tx) => this.dispatch(due, tx));
  }

  private async tick(): Promise<void> {
    if (this.running || Date.now() < this.retryAt) return;
    this.running = (async () => {
      try {
        // Drains a backlog without waiting for the next tick.
        while ((await this.dispatchOnce()) === BATCH && !this.failure);
        const failure = this.failure;
        this.failure = undefined;
        if (failure) throw failure;
        this.backoff.reset();
      } catch (error) {
        this.retryAt = Date.now() + this.backoff.next();
        this.logger.warn({ msg: 'Hub Santé dispatch failed; retrying', error: (error as Error).message });
      }
    })();
    await this.running;
    this.running = undefined;
  }

  private async dispatch(due: DueHubMessage[], tx: EntityManager): Promise<void> {
    const now = new Date();
    const held: string[] = [];
    const unroutable: { seq: string; territory: string }[] = [];
    const expired: string[] = [];
    const sendable: SentHubMessage[] = [];
    for (const m of due) {
      const message = resolve(m);
      // Expiry first: an update whose creation never comes must not wait for ever.
      if (m.expiresAt.getTime() <= now.getTime()) expired.push(m.seq);
      else if (message === 'held') held.push(m.seq);
      else if (!message.recipient) unroutable.push({ seq: m.seq, territory: message.territory ?? 'unknown' });
      else sendable.push({ ...message, recipient: message.recipient });
    }
    if (held.length) await this.ledger.hold(tx, held, new Date(now.getTime() + HOLD_MS));
    if (unroutable.length) await this.ledger.markUnroutable(tx, unroutable, now);
    if (expired.length) {
      await this.ledger.markExpired(tx, expired, now);
      this.metrics.expired.inc(expired.length);
    }
    if (!sendable.length) return;
    const bySeq = new Map(due.map((m) => [m.seq, m]));
    const publications = sendable.map((s) => {
      const m = bySeq.get(s.seq)!;
      const envelope = reportEnvelope({
        distributionId: m.distributionId,
        sender: this.settings!.clientId,
        recipient: s.recipient,
        sentAt: now,
        expiresAt: m.expiresAt,
        appointment: s.content,
      });
      return { distributionId: m.distributionId, body: Buffer.from(JSON.stringify(envelope)) };
    });
    let refused: Map<string, string>;
    try {
      refused = await this.connection!.publish(publications);
    } catch (error) {
      // Recorded in the ledger (committed), then the dispatcher backs off: not thrown, which would roll it back.
      await this.failed(
        tx,
        sendable.map((s) => s.seq),
        `not delivered to Hub Santé: ${(error as Error).message}`,
        now,
      );
      this.failure = error as Error;
      return;
    }
    const idOf = (s: SentHubMessage) => bySeq.get(s.seq)!.distributionId;
    const taken = sendable.filter((s) => !refused.has(idOf(s)));
    await this.ledger.markSent(tx, taken, now, this.settings!.ackTimeoutMs);
    this.metrics.published.inc(taken.length);
    if (refused.size) {
      const where = `exchange ${this.settings!.exchange}, routing key ${this.settings!.clientId}`;
      for (const s of sendable.filter((m) => refused.has(idOf(m))))
        await this.failed(tx, [s.seq], `Hub Santé did not take it: ${refused.get(idOf(s))} (${where})`, now);
      this.failure = new Error(`Hub Santé did not take ${refused.size} message(s) (${where})`);
    }
  }

  private async failed(tx: EntityManager, seqs: string[], reason: string, now: Date): Promise<void> {
    await this.ledger.markFailed(tx, seqs, reason, new Date(now.getTime() + this.backoff.next()));
    this.metrics.publishFailures.inc(seqs.length);
  }

  private async feedback(queue: 'ack' | 'info', body: Buffer): Promise<void> {
    const feedback = readFeedback(body);
    const at = new Date();
    if (feedback.kind === 'unreadable') {
      this.metrics.feedback.inc({ kind: 'unreadable' });
      this.logger.warn({ msg: `unreadable message on our ${queue} queue, dropped`, reason: feedback.reason });
      return;
    }
    const known =
      feedback.kind === 'ack'
        ? await this.ledger.acknowledge(feedback.distributionId, at)
        : await this.ledger.reject(feedback.distributionId, feedback.reason, at);
    this.metrics.feedback.inc({ kind: known ? feedback.kind : `${feedback.kind}-unknown` });
    if (feedback.kind === 'error')
      this.logger.warn({ msg: 'Hub Santé reported an error', distributionId: feedback.distributionId, reason: feedback.reason });
  }

  /** Territories our regulators work in that have no SAMU: their orientations would stay unroutable. */
  private async reportTerritoriesWithoutSamu(): Promise<void> {
    const rows: { territory: string }[] = await this.dataSource.query(
      `SELECT DISTINCT unnest(territories) AS territory FROM orientation.regulator WHERE active ORDER BY 1`,
    );
    const missing = rows.map((r) => r.territory).filter((t) => !this.settings!.samuByTerritory.has(t));
    if (missing.length) {
      this.logger.warn(
        `Hub Santé: no SAMU configured (HUB_SANTE_SAMU) for territories ${missing.join(', ')}: their orientations will be recorded as unroutable, not sent`,
      );
    }
    this.metrics.territoriesWithoutSamu.set(missing.length);
  }
}

/**
 * The message as it goes out: a creation as recorded; an update completed from the
 * appointment's previous message, whose territory and SAMU it takes; 'held' while that
 * creation has not been read.
 */
function resolve(
  m: DueHubMessage,
): { seq: string; content: LrmAppointment; territory: string | null; recipient: string | null } | 'held' {
  if (isWholeAppointment(m.content)) return { seq: m.seq, content: m.content, territory: m.territory, recipient: m.recipient };
  if (!m.previous) return 'held';
  return {
    seq: m.seq,
    content: updatedAppointment(m.previous.content, m.content),
    territory: m.previous.territory,
    recipient: m.previous.recipient,
  };
}
