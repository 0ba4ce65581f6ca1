import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Forbidden } from '@sas/platform';
import { DataSource, EntityManager } from 'typeorm';
import { Principal } from '../principal';

export interface AuditRecord {
  action: string;
  targetType: string;
  targetId: string;
  /** The SAS territory the change belongs to, so supervisors can read it. */
  territory?: string | null;
  /** Identifiers only: never patient data. */
  detail?: Record<string, unknown>;
}

export interface AuditQuery {
  from?: string;
  to?: string;
  action?: string;
  actorId?: string;
  targetId?: string;
  territory?: string;
  limit?: number;
}

/** Writes audit entries in the caller's transaction (with the change they record) and reads them back. */
@Injectable()
export class AuditTrail {
  private readonly table: string;

  constructor(@InjectDataSource() private readonly db: DataSource) {
    this.table = `${(db.options as { schema?: string }).schema ?? 'public'}.audit_trail`;
  }

  async record(tx: EntityManager, actor: Pick<Principal, 'role' | 'subject'>, entry: AuditRecord): Promise<void> {
    await tx.query(
      `INSERT INTO ${this.table} (actor_role, actor_id, action, target_type, target_id, territory, detail) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        actor.role,
        actor.subject,
        entry.action,
        entry.targetType,
        entry.targetId,
        entry.territory ?? null,
        JSON.stringify(entry.detail ?? {}),
      ],
    );
  }

  /** Admins read everything; supervisors only their territories' entries. */
  async read(reader: Principal, query: AuditQuery) {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (reader.role !== 'admin') {
      if (reader.role !== 'regulator' || reader.regulatorFunction !== 'supervisor')
        throw new Forbidden('only admins and supervisors read the audit trail');
      if (query.territory && !reader.territories.includes(query.territory))
        throw new Forbidden(`you do not supervise territory ${query.territory}`);
      add('territory = ANY(?)', reader.territories);
    }
    if (query.territory) add('territory = ?', query.territory);
    if (query.from) add('at >= ?', query.from);
    if (query.to) add('at < ?', query.to);
    if (query.action) add('action = ?', query.action);
    if (query.actorId) add('actor_id = ?', query.actorId);
    if (query.targetId) add('target_id = ?', query.targetId);
    params.push(query.limit ?? 100);
    const rows = await this.db.query(
      `SELECT id, at, actor_role, actor_id, action, target_type, target_id, territory, detail FROM ${this.table}
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map((r: Record<string, unknown>) => ({
      id: Number(r.id),
      at: (r.at as Date).toISOString(),
      actor: { role: r.actor_role, id: r.actor_id },
      action: r.action,
      target: { type: r.target_type, id: r.target_id },
      territory: r.territory,
      detail: r.detail,
    }));
  }
}
