import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AgendaScope } from '../access/agenda-scope';
import { agendaWhere } from './agenda-filter';
import { AppointmentListQueryDto, SlotListQueryDto } from './agenda-query.dto';
import { AgendaAppointment, agendaAppointmentOf, AgendaPage, AgendaSlot, agendaSlotOf } from './agenda-views';

const DEFAULT_PAGE_SIZE = 100;

const COLUMNS = `s.id, s.practitioner_id, s.structure_id, s.place_id, s.start_at, s.end_at, s.status, s.modes, s.visibility,
  s.appointment_type, s.revision, pr.rpps AS practitioner_rpps, p.name AS place_name, p.address_line, p.postal_code, p.city,
  p.commune_code`;
const JOINS = `JOIN scheduling.place p ON p.id = s.place_id
  LEFT JOIN scheduling.practitioner pr ON pr.id = s.practitioner_id`;
// A slot holds at most one live booking (appointment_one_per_slot).
const LIVE = `LEFT JOIN scheduling.appointment live ON live.slot_id = s.id AND live.status IN ('booked', 'honoured', 'no-show')`;

/** The agenda views' reads: one page sorted by start (then id, so pages do not overlap), and the total. */
@Injectable()
export class AgendaRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async slots(scope: AgendaScope, query: SlotListQueryDto): Promise<AgendaPage<AgendaSlot>> {
    const where = agendaWhere(scope, query, 'slots');
    const from = `FROM scheduling.slot s ${JOINS} ${LIVE} WHERE ${where.sql}`;
    return this.page(
      `SELECT ${COLUMNS}, live.id AS appointment_id, live.status AS appointment_status, live.mode AS appointment_mode ${from}
        ORDER BY s.start_at, s.id`,
      `SELECT count(*)::int AS total ${from}`,
      where.params,
      query,
      agendaSlotOf,
    );
  }

  async appointments(scope: AgendaScope, query: AppointmentListQueryDto): Promise<AgendaPage<AgendaAppointment>> {
    const where = agendaWhere(scope, query, 'appointments');
    const from = `FROM scheduling.appointment a JOIN scheduling.slot s ON s.id = a.slot_id ${JOINS} WHERE ${where.sql}`;
    return this.page(
      `SELECT ${COLUMNS}, a.id AS appointment_id, a.status AS appointment_status, a.mode AS appointment_mode, a.booked_at ${from}
        ORDER BY s.start_at, a.id`,
      `SELECT count(*)::int AS total ${from}`,
      where.params,
      query,
      agendaAppointmentOf,
    );
  }

  private async page<T>(
    select: string,
    count: string,
    params: unknown[],
    query: { page?: number; limit?: number },
    view: (row: Record<string, unknown>) => T,
  ): Promise<AgendaPage<T>> {
    const page = query.page ?? 1;
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const n = params.length;
    const rows = await this.db.query<Record<string, unknown>[]>(`${select} LIMIT $${n + 1} OFFSET $${n + 2}`, [
      ...params,
      limit,
      (page - 1) * limit,
    ]);
    const [{ total }] = await this.db.query<{ total: number }[]>(count, params);
    return { total, page, limit, items: rows.map(view) };
  }
}
