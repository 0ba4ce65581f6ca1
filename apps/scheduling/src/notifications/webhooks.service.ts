import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditTrail, isDevelopmentMode, Principal } from '@sas/auth';
import { Conflict, Forbidden, InvalidInput, NotFound } from '@sas/platform';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { WEBHOOK_EVENT_TYPES } from './webhook-catalogue';
import { newWebhookSecret } from './webhook-signature';
import { webhookUrlProblem } from './webhook-url';
import { DeliveryLogQueryDto, RegisterWebhookDto } from './webhook.dto';

/** Endpoints one owner may register: each delivery is one more request per event. */
const MAX_ENDPOINTS_PER_OWNER = 10;

const ENDPOINT_COLUMNS = `id, url, description, event_types, owner_vendor_id, owner_identifiers, created_at, disabled_at, disabled_reason`;

/** An endpoint as its owner reads it: never its secret, which only the registration's answer shows. */
function endpointOf(row: Record<string, unknown>) {
  return {
    id: row.id as string,
    url: row.url as string,
    description: (row.description as string | null) ?? undefined,
    events: row.event_types as string[],
    owner: row.owner_vendor_id ? { vendorId: row.owner_vendor_id as string } : { identifiers: row.owner_identifiers as string[] },
    createdAt: (row.created_at as Date).toISOString(),
    disabledAt: (row.disabled_at as Date | null)?.toISOString(),
    disabledReason: (row.disabled_reason as string | null) ?? undefined,
  };
}

/** The webhook endpoints of practices, structures and vendors, and their delivery logs. */
@Injectable()
export class WebhooksService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditTrail,
  ) {}

  async register(principal: Principal, dto: RegisterWebhookDto) {
    const problem = webhookUrlProblem(dto.url, !isDevelopmentMode());
    if (problem) throw InvalidInput.field('url', problem);
    const owner = this.ownerFor(principal, dto.identifiers);
    const secret = newWebhookSecret();
    const id = randomUUID();
    const row = await this.db.transaction(async (tx) => {
      // One owner's registrations are counted under a lock of its own, so two at once cannot pass the limit.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`webhooks:${owner.vendorId ?? owner.identifiers.join(',')}`]);
      const [{ count }] = await tx.query(
        `SELECT count(*)::int AS count FROM scheduling.webhook_endpoint WHERE ${owner.vendorId ? 'owner_vendor_id = $1' : 'owner_identifiers && $1::text[]'}`,
        [owner.vendorId ?? owner.identifiers],
      );
      if (count >= MAX_ENDPOINTS_PER_OWNER)
        throw new Conflict('too-many-endpoints', `at most ${MAX_ENDPOINTS_PER_OWNER} webhook endpoints per owner`);
      const [inserted] = await tx.query(
        `INSERT INTO scheduling.webhook_endpoint (id, url, secret, description, event_types, owner_vendor_id, owner_identifiers, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now()) RETURNING ${ENDPOINT_COLUMNS}`,
        [
          id,
          dto.url,
          secret,
          dto.description ?? null,
          dto.events ?? [...WEBHOOK_EVENT_TYPES],
          owner.vendorId ?? null,
          owner.identifiers,
          principal.subject,
        ],
      );
      await this.audit.record(tx, principal, {
        action: 'webhook-registered',
        targetType: 'webhook',
        targetId: id,
        detail: {
          events: inserted.event_types,
          ...(owner.vendorId ? { vendorId: owner.vendorId } : { identifiers: owner.identifiers }),
        },
      });
      return inserted;
    });
    // The secret is shown here once; it is stored to sign deliveries and never shown again.
    return { ...endpointOf(row), secret };
  }

  async list(principal: Principal) {
    const rows =
      principal.role === 'vendor'
        ? await this.db.query(
            `SELECT ${ENDPOINT_COLUMNS} FROM scheduling.webhook_endpoint WHERE owner_vendor_id = $1 ORDER BY created_at`,
            [principal.vendorId ?? ''],
          )
        : await this.db.query(
            `SELECT ${ENDPOINT_COLUMNS} FROM scheduling.webhook_endpoint WHERE owner_vendor_id IS NULL AND owner_identifiers <@ $1::text[] ORDER BY created_at`,
            [ownIdentifiers(principal)],
          );
    return { endpoints: rows.map(endpointOf) };
  }

  async remove(principal: Principal, id: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await this.owned(tx, principal, id);
      await tx.query(`DELETE FROM scheduling.webhook_endpoint WHERE id = $1`, [id]);
      await this.audit.record(tx, principal, { action: 'webhook-deleted', targetType: 'webhook', targetId: id });
    });
  }

  /** The endpoint's deliveries, newest first, each with its attempts: times, status codes, errors. */
  async deliveries(principal: Principal, id: string, query: DeliveryLogQueryDto) {
    const endpoint = endpointOf(await this.owned(this.db, principal, id));
    const rows = await this.db.query(
      `SELECT d.id, d.event_type, d.body, d.created_at, d.state, d.next_attempt_at, d.delivered_at,
              coalesce(json_agg(json_build_object('attempt', a.attempt, 'at', a.at, 'statusCode', a.status_code, 'error', a.error, 'durationMs', a.duration_ms)
                                ORDER BY a.attempt) FILTER (WHERE a.attempt IS NOT NULL), '[]') AS attempts
         FROM scheduling.webhook_delivery d LEFT JOIN scheduling.webhook_attempt a ON a.delivery_id = d.id
        WHERE d.endpoint_id = $1 GROUP BY d.id ORDER BY d.created_at DESC, d.id LIMIT $2`,
      [id, query.limit ?? 50],
    );
    return {
      endpoint,
      deliveries: rows.map((r: Record<string, unknown>) => ({
        id: r.id,
        type: r.event_type,
        createdAt: (r.created_at as Date).toISOString(),
        state: r.state,
        nextAttemptAt: r.state === 'pending' ? (r.next_attempt_at as Date | null)?.toISOString() : undefined,
        deliveredAt: (r.delivered_at as Date | null)?.toISOString(),
        payload: JSON.parse(r.body as string) as unknown,
        attempts: (r.attempts as Record<string, unknown>[]).map((a) => ({
          attempt: a.attempt,
          at: new Date(a.at as string).toISOString(),
          statusCode: a.statusCode ?? undefined,
          error: a.error ?? undefined,
          durationMs: a.durationMs,
        })),
      })),
    };
  }

  /** The endpoint row, if the caller owns it: 404 when it does not exist, 403 when another owner's. */
  private async owned(db: Pick<DataSource, 'query'>, principal: Principal, id: string): Promise<Record<string, unknown>> {
    const [row] = await db.query(`SELECT ${ENDPOINT_COLUMNS} FROM scheduling.webhook_endpoint WHERE id = $1`, [id]);
    if (!row) throw new NotFound(`webhook endpoint ${id} does not exist`);
    const mine =
      principal.role === 'vendor'
        ? row.owner_vendor_id === principal.vendorId
        : !row.owner_vendor_id && (row.owner_identifiers as string[]).every((i) => ownIdentifiers(principal).includes(i));
    if (!mine) throw new Forbidden(`webhook endpoint ${id} belongs to another owner`);
    return row;
  }

  /** A vendor's endpoint follows what its registration covers; a practice's, the identifiers it acts for (all, or those named). */
  private ownerFor(principal: Principal, identifiers?: string[]): { vendorId?: string; identifiers: string[] } {
    if (principal.role === 'vendor') {
      if (identifiers)
        throw InvalidInput.field(
          'identifiers',
          "a vendor's endpoint follows the practitioners and structures it is registered for",
        );
      if (!principal.vendorId) throw new Forbidden('the token names no vendor');
      return { vendorId: principal.vendorId, identifiers: [] };
    }
    const own = ownIdentifiers(principal);
    if (own.length === 0) throw new Forbidden('the token names no practitioner or structure');
    const chosen = identifiers ? [...new Set(identifiers)] : own;
    if (!chosen.every((i) => own.includes(i)))
      throw new Forbidden('identifiers names a practitioner or structure the caller does not act for');
    return { identifiers: chosen };
  }
}

function ownIdentifiers(principal: Principal): string[] {
  return [...new Set([...principal.practitionerRpps, ...principal.structureIds])];
}
