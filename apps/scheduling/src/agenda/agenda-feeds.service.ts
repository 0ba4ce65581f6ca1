import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditTrail, Principal } from '@sas/auth';
import { Conflict, NotFound } from '@sas/platform';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AgendaScopes } from '../access/agenda-scope';
import { CreateAgendaFeedDto, FeedView } from './agenda-feed.dto';
import { AgendaRepository } from './agenda.repository';
import { appointmentEvent, calendar, CalendarEvent, slotEvent } from './icalendar';

/** What a feed shows: from a month back (recent outcomes) to two months ahead, at most 5,000 events. */
const FEED_PAST_MS = 30 * 86_400_000;
const FEED_AHEAD_MS = 60 * 86_400_000;
const FEED_MAX_EVENTS = 5000;
/** Active feeds per holder: enough for each practitioner's calendar and a shared one, not a leak of URLs. */
export const MAX_FEEDS_PER_OWNER = 20;

export interface AgendaFeed {
  id: string;
  view: FeedView;
  label: string | null;
  createdAt: string;
}

const hash = (secret: string) => createHash('sha256').update(secret).digest('hex');

/**
 * Calendar tools cannot send a bearer token, so a practice subscribes to a secret URL: the
 * holder of a valid token creates it (the secret is shown once, only its SHA-256 is kept)
 * and revokes it. The feed reads what that token could read when the feed was made (its
 * RPPS and structures), or the CPTS's members of the day for a coordinator.
 */
@Injectable()
export class AgendaFeedsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scopes: AgendaScopes,
    private readonly repository: AgendaRepository,
    private readonly audit: AuditTrail,
  ) {}

  async create(owner: Principal, dto: CreateAgendaFeedDto): Promise<AgendaFeed & { path: string }> {
    // Checks the caller has an agenda (a coordinator's CPTS is registered) before handing out a URL.
    await this.scopes.of(owner);
    if ((await this.list(owner)).length >= MAX_FEEDS_PER_OWNER)
      throw new Conflict('feed-limit', `at most ${MAX_FEEDS_PER_OWNER} active feeds per holder: revoke one first`);
    const secret = randomBytes(32).toString('base64url');
    const row = await this.db.transaction(async (tx) => {
      const [created] = await tx.query<Record<string, unknown>[]>(
        `INSERT INTO scheduling.agenda_feed (id, secret_hash, view, label, owner_role, owner_subject, practitioner_rpps, structure_ids, cpts_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
        [
          randomUUID(),
          hash(secret),
          dto.view ?? 'appointments',
          dto.label ?? null,
          owner.role,
          owner.subject,
          owner.role === 'cpts-coordinator' ? [] : owner.practitionerRpps,
          owner.role === 'cpts-coordinator' ? [] : owner.structureIds,
          owner.role === 'cpts-coordinator' ? (owner.cptsId ?? null) : null,
        ],
      );
      // A feed URL reads an agenda without a token: who made one, and for what, is on record.
      await this.audit.record(tx, owner, {
        action: 'agenda-feed-created',
        targetType: 'agenda-feed',
        targetId: created.id as string,
        detail: { view: created.view, rpps: created.practitioner_rpps, structures: created.structure_ids, cpts: created.cpts_id },
      });
      return created;
    });
    return { ...feedOf(row), path: `/agenda/calendar/${secret}.ics` };
  }

  async list(owner: Principal): Promise<AgendaFeed[]> {
    const rows = await this.db.query<Record<string, unknown>[]>(
      `SELECT * FROM scheduling.agenda_feed WHERE owner_subject = $1 AND owner_role = $2 AND revoked_at IS NULL ORDER BY created_at`,
      [owner.subject, owner.role],
    );
    return rows.map(feedOf);
  }

  async revoke(owner: Principal, id: string): Promise<AgendaFeed & { revoked: true }> {
    return this.db.transaction(async (tx) => {
      const [rows]: [Record<string, unknown>[], number] = await tx.query(
        `UPDATE scheduling.agenda_feed SET revoked_at = now()
          WHERE id = $1 AND owner_subject = $2 AND owner_role = $3 AND revoked_at IS NULL RETURNING *`,
        [id, owner.subject, owner.role],
      );
      if (!rows.length) throw new NotFound(`feed ${id} is not an active feed of this ${owner.role}`);
      await this.audit.record(tx, owner, { action: 'agenda-feed-revoked', targetType: 'agenda-feed', targetId: id });
      return { ...feedOf(rows[0]), revoked: true as const };
    });
  }

  /** The calendar behind a secret; 404 for an unknown or revoked one (no hint which). */
  async calendar(secret: string, now = new Date()): Promise<{ body: string; total: number }> {
    const [feed] = await this.db.query<Record<string, unknown>[]>(
      `SELECT * FROM scheduling.agenda_feed WHERE secret_hash = $1 AND revoked_at IS NULL`,
      [hash(secret)],
    );
    if (!feed) throw new NotFound('no such calendar feed (unknown or revoked)');
    const scope = feed.cpts_id
      ? await this.scopes.ofCpts(feed.cpts_id as string)
      : await this.scopes.ofIdentifiers(
          [...(feed.practitioner_rpps as string[]), ...(feed.structure_ids as string[])],
          [...(feed.practitioner_rpps as string[]), ...(feed.structure_ids as string[])],
          'this feed',
        );
    const window = {
      from: new Date(now.getTime() - FEED_PAST_MS).toISOString(),
      to: new Date(now.getTime() + FEED_AHEAD_MS).toISOString(),
      limit: FEED_MAX_EVENTS,
    };
    let events: CalendarEvent[];
    let total: number;
    if (feed.view === 'slots') {
      const page = await this.repository.slots(scope, { ...window, status: ['free', 'booked', 'booked-elsewhere'] });
      [events, total] = [page.items.map(slotEvent), page.total];
    } else {
      const page = await this.repository.appointments(scope, window);
      [events, total] = [page.items.map(appointmentEvent), page.total];
    }
    return { body: calendar((feed.label as string | null) ?? 'Agenda SAS', events, now), total };
  }
}

function feedOf(row: Record<string, unknown>): AgendaFeed {
  return {
    id: row.id as string,
    view: row.view as FeedView,
    label: row.label as string | null,
    createdAt: (row.created_at as Date).toISOString(),
  };
}
