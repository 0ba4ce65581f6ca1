import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { LrmAppointment, LrmAppointmentChange } from './lrm-appointment';

export const HUB_MESSAGE_STATES = ['pending', 'sent', 'acknowledged', 'error', 'expired', 'unroutable'] as const;
export type HubMessageState = (typeof HUB_MESSAGE_STATES)[number];

export interface NewHubMessage {
  distributionId: string;
  changeId: string;
  caseId: string;
  appointmentId: string;
  /** Known for a creation; an update takes its creation's territory and SAMU when it is sent. */
  territory: string | null;
  /** The SAMU's client id; null for a creation in a territory without a SAMU (state unroutable). */
  recipient: string | null;
  content: LrmAppointment | LrmAppointmentChange;
  occurredAt: Date;
  expiresAt: Date;
}

export interface HubMessageRow {
  seq: string;
  distributionId: string;
  caseId: string;
  appointmentId: string;
  territory: string | null;
  recipient: string | null;
  content: LrmAppointment | LrmAppointmentChange;
  state: HubMessageState;
  reason: string | null;
  attempts: number;
  occurredAt: Date;
  expiresAt: Date;
  sentAt: Date | null;
  settledAt: Date | null;
}

/** A due message with the appointment's previous whole message (a creation or a sent update), which an update completes itself from. */
export interface DueHubMessage extends HubMessageRow {
  previous: { content: LrmAppointment; territory: string | null; recipient: string | null } | null;
}

/** What a dispatched message was sent as (an update completed from its creation). */
export interface SentHubMessage {
  seq: string;
  content: LrmAppointment;
  territory: string | null;
  recipient: string;
}

const FIELDS: [string, string][] = [
  ['seq', 'seq'],
  ['distribution_id', 'distributionId'],
  ['case_id', 'caseId'],
  ['appointment_id', 'appointmentId'],
  ['territory', 'territory'],
  ['recipient', 'recipient'],
  ['content', 'content'],
  ['state', 'state'],
  ['reason', 'reason'],
  ['attempts', 'attempts'],
  ['occurred_at', 'occurredAt'],
  ['expires_at', 'expiresAt'],
  ['sent_at', 'sentAt'],
  ['settled_at', 'settledAt'],
];
const columnsOf = (table = 'orientation.hub_message') =>
  FIELDS.map(([column, field]) => `${table}.${column} AS "${field}"`).join(', ');

/** The delivery ledger (orientation.hub_message): every state change of a message goes through here. */
@Injectable()
export class HubLedger {
  constructor(private readonly dataSource: DataSource) {}

  /** Records a message in the consumer's transaction; a change already recorded is left as it is. */
  async record(tx: EntityManager, m: NewHubMessage): Promise<void> {
    const unroutable = m.territory !== null && m.recipient === null;
    await tx.query(
      `INSERT INTO orientation.hub_message (distribution_id, change_id, case_id, appointment_id, territory, recipient, content, state, reason,
         occurred_at, expires_at, next_attempt_at, settled_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $10, $12)
       ON CONFLICT (change_id) DO NOTHING`,
      [
        m.distributionId,
        m.changeId,
        m.caseId,
        m.appointmentId,
        m.territory,
        m.recipient,
        JSON.stringify(m.content),
        unroutable ? 'unroutable' : 'pending',
        unroutable ? unroutableReason(m.territory!) : null,
        m.occurredAt,
        m.expiresAt,
        unroutable ? new Date() : null,
      ],
    );
  }

  /**
   * Runs `work` on the messages due now, at most one per appointment: its oldest change not
   * yet acknowledged, rejected or expired. An appointment's next message waits for the final
   * acknowledgement (or error, or expiry) of the previous one, so the LRM gets an appointment's
   * changes in order. One dispatcher at a time across replicas (advisory lock).
   */
  async withDueMessages(limit: number, work: (due: DueHubMessage[], tx: EntityManager) => Promise<void>): Promise<number> {
    return this.dataSource.transaction(async (tx) => {
      const [{ locked }] = await tx.query(
        `SELECT pg_try_advisory_xact_lock(hashtext('orientation.hub_message dispatch')) AS locked`,
      );
      if (!locked) return 0;
      const due: DueHubMessage[] = await tx.query(
        `SELECT ${columnsOf('head')},
           (SELECT jsonb_build_object('content', p.content, 'territory', p.territory, 'recipient', p.recipient) FROM orientation.hub_message p
             WHERE p.appointment_id = head.appointment_id AND (p.occurred_at, p.seq) < (head.occurred_at, head.seq) AND p.content ? 'created'
             ORDER BY p.occurred_at DESC, p.seq DESC LIMIT 1) AS previous
         FROM (
           SELECT DISTINCT ON (appointment_id) * FROM orientation.hub_message WHERE state IN ('pending', 'sent') ORDER BY appointment_id, occurred_at, seq
         ) head WHERE head.next_attempt_at <= now() ORDER BY head.occurred_at, head.seq LIMIT $1`,
        [limit],
      );
      if (due.length) await work(due, tx);
      return due.length;
    });
  }

  /**
   * Sent (confirmed by the hub): sent again after `resendAfterMs`, doubled at each attempt up
   * to 16 times, until an acknowledgement. A fast LRM's acknowledgement can be recorded before
   * this transaction commits: a settled message stays settled (the same guard on every update).
   */
  async markSent(tx: EntityManager, sent: SentHubMessage[], sentAt: Date, resendAfterMs: number): Promise<void> {
    if (!sent.length) return;
    // The completed content is kept even when the LRM's acknowledgement (or error) was recorded
    // first: the appointment's next update completes itself from it (else it would repeat the
    // creation's times). Only the state of a message still open moves to 'sent'.
    await tx.query(
      `UPDATE orientation.hub_message h SET content = x.content, territory = x.territory, recipient = x.recipient,
         sent_at = $2, attempts = attempts + 1,
         state = CASE WHEN h.state IN ('pending', 'sent') THEN 'sent' ELSE h.state END,
         reason = CASE WHEN h.state IN ('pending', 'sent') THEN NULL ELSE h.reason END,
         next_attempt_at = $2::timestamptz + make_interval(secs => $3::double precision * least(power(2, h.attempts), 16))
       FROM jsonb_to_recordset($1::jsonb) AS x(seq bigint, content jsonb, territory text, recipient text)
       WHERE h.seq = x.seq`,
      [JSON.stringify(sent), sentAt, resendAfterMs / 1000],
    );
  }

  async markFailed(tx: EntityManager, seqs: string[], reason: string, retryAt: Date): Promise<void> {
    await tx.query(
      `UPDATE orientation.hub_message SET attempts = attempts + 1, reason = $2, next_attempt_at = $3 WHERE seq = ANY($1::bigint[]) AND state IN ('pending', 'sent')`,
      [seqs, reason, retryAt],
    );
  }

  /** An update whose creation has not been read yet: looked at again at `retryAt`. */
  async hold(tx: EntityManager, seqs: string[], retryAt: Date): Promise<void> {
    await tx.query(
      `UPDATE orientation.hub_message SET reason = 'waits for the creation of its appointment', next_attempt_at = $2 WHERE seq = ANY($1::bigint[])`,
      [seqs, retryAt],
    );
  }

  async markExpired(tx: EntityManager, seqs: string[], at: Date): Promise<void> {
    await tx.query(
      `UPDATE orientation.hub_message SET state = 'expired', settled_at = $2, reason = CASE WHEN sent_at IS NULL
         THEN 'past its dateTimeExpires before it could be sent: not sent' ELSE 'past its dateTimeExpires before the LRM acknowledged it' END
       WHERE seq = ANY($1::bigint[]) AND state IN ('pending', 'sent')`,
      [seqs, at],
    );
  }

  /** Updates of a creation that had no SAMU: unroutable too, with the territory named. */
  async markUnroutable(tx: EntityManager, rows: { seq: string; territory: string }[], at: Date): Promise<void> {
    for (const row of rows) {
      await tx.query(
        `UPDATE orientation.hub_message SET state = 'unroutable', territory = $2, settled_at = $3, reason = $4 WHERE seq = $1`,
        [row.seq, row.territory, at, unroutableReason(row.territory)],
      );
    }
  }

  /**
   * Deletes the messages of the appointments whose last change is older than `before` and
   * none of whose messages is still open (pending or sent); returns how many rows went. An
   * appointment goes whole: an update completes itself from its appointment's previous
   * message, so a creation is never pruned under an update that may still need it.
   */
  async pruneSettled(before: Date, appointmentsPerBatch = 500): Promise<number> {
    let total = 0;
    for (;;) {
      const [rows, deleted]: [{ appointment_id: string }[], number] = await this.dataSource.query(
        `DELETE FROM orientation.hub_message WHERE appointment_id IN (
           SELECT appointment_id FROM orientation.hub_message GROUP BY appointment_id
            HAVING max(occurred_at) < $1 AND bool_and(state NOT IN ('pending', 'sent')) LIMIT $2)
         RETURNING appointment_id`,
        [before, appointmentsPerBatch],
      );
      total += deleted;
      if (new Set(rows.map((r) => r.appointment_id)).size < appointmentsPerBatch) return total;
    }
  }

  /** The LRM's final acknowledgement; resolves whether it named one of our open messages. */
  async acknowledge(distributionId: string, at: Date): Promise<boolean> {
    const [, count] = await this.dataSource.query(
      `UPDATE orientation.hub_message SET state = 'acknowledged', settled_at = $2, reason = NULL WHERE distribution_id = $1 AND state IN ('pending', 'sent')`,
      [distributionId, at],
    );
    return count > 0;
  }

  /** A technical (hub) or functional (LRM) error about a message: final, with the hub's reason. */
  async reject(distributionId: string, reason: string, at: Date): Promise<boolean> {
    const [, count] = await this.dataSource.query(
      `UPDATE orientation.hub_message SET state = 'error', settled_at = $2, reason = $3 WHERE distribution_id = $1 AND state IN ('pending', 'sent')`,
      [distributionId, at, reason],
    );
    return count > 0;
  }

  async list(
    filter: { state?: HubMessageState; territory?: string; territories?: string[] },
    limit: number,
  ): Promise<HubMessageRow[]> {
    const params: unknown[] = [limit];
    const where: string[] = [];
    if (filter.state) where.push(`state = $${params.push(filter.state)}`);
    if (filter.territory) where.push(`territory = $${params.push(filter.territory)}`);
    if (filter.territories) where.push(`territory = ANY($${params.push(filter.territories)}::text[])`);
    return this.dataSource.query(
      `SELECT ${columnsOf()} FROM orientation.hub_message ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT $1`,
      params,
    );
  }

  /** Counts by state and the age of the oldest message not yet acknowledged, for /metrics. */
  async summary(): Promise<{ counts: Record<string, number>; oldestOpenSeconds: number }> {
    const rows: { state: string; count: string; oldest: Date | null }[] = await this.dataSource.query(
      `SELECT state, count(*) AS count, min(occurred_at) FILTER (WHERE state IN ('pending', 'sent')) AS oldest FROM orientation.hub_message GROUP BY state`,
    );
    const counts = Object.fromEntries(HUB_MESSAGE_STATES.map((s) => [s, 0]));
    let oldest: number | undefined;
    for (const row of rows) {
      counts[row.state] = Number(row.count);
      if (row.oldest) oldest = Math.min(oldest ?? Infinity, row.oldest.getTime());
    }
    return { counts, oldestOpenSeconds: oldest === undefined ? 0 : Math.max(0, (Date.now() - oldest) / 1000) };
  }
}

function unroutableReason(territory: string): string {
  return `no SAMU configured for territory ${territory} (HUB_SANTE_SAMU)`;
}
