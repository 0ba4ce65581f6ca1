import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditTrail, Principal } from '@sas/auth';
import { CptsRegistered } from '@sas/contracts';
import { OutboxRelay, OutboxWriter } from '@sas/messaging';
import { Forbidden, InvalidInput, NotFound } from '@sas/platform';
import { DataSource } from 'typeorm';
import { AgendaScopes } from '../access/agenda-scope';
import { RegisterCptsDto } from './cpts.dto';
import { CPTS_FIGURES_SQL, CptsFigureRow, memberFigures } from './cpts-figures';

export interface Cpts {
  id: string;
  name: string;
  practitionerRpps: string[];
  structureIds: string[];
  communes: string[];
  updatedAt: string;
}

/** The longest period a CPTS's figures cover in one answer. */
const MAX_FIGURES_DAYS = 92;

/** CPTS registered as organisations: admins write them, their coordinators read them and their figures. */
@Injectable()
export class CptsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scopes: AgendaScopes,
    private readonly audit: AuditTrail,
    private readonly outbox: OutboxWriter,
    private readonly relay: OutboxRelay,
  ) {}

  /** Registration and its event commit together: the indicators learn every perimeter (cpts-registered). */
  async register(admin: Principal, id: string, dto: RegisterCptsDto): Promise<Cpts> {
    return this.relay.inTransaction(async (tx) => {
      const [row] = await tx.query<Record<string, unknown>[]>(
        `INSERT INTO scheduling.cpts (id, name, practitioner_rpps, structure_ids, communes)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO UPDATE SET name = $2, practitioner_rpps = $3, structure_ids = $4, communes = $5, updated_at = now()
       RETURNING *`,
        [id, dto.name, unique(dto.practitionerRpps), unique(dto.structureIds), unique(dto.communes)],
      );
      // Membership decides whose agendas a coordinator reads: every change is on record.
      await this.audit.record(tx, admin, {
        action: 'cpts-registered',
        targetType: 'cpts',
        targetId: id,
        detail: { practitioners: row.practitioner_rpps, structures: row.structure_ids, communes: row.communes },
      });
      const cpts = cptsOf(row);
      await this.outbox.append(tx, CptsRegistered, {
        ownerId: cpts.id,
        cptsId: cpts.id,
        cptsName: cpts.name,
        communes: cpts.communes,
        // The row's own time: a later registration always carries a later one.
        registeredAt: cpts.updatedAt,
      });
      return cpts;
    });
  }

  async get(reader: Principal, id: string): Promise<Cpts> {
    assertMayRead(reader, id);
    const [row] = await this.db.query(`SELECT * FROM scheduling.cpts WHERE id = $1`, [id]);
    if (!row) throw new NotFound(`CPTS ${id} is not registered`);
    return cptsOf(row);
  }

  /** Per member: slots starting in the period by status, SAS bookings and their outcomes. */
  async figures(reader: Principal, id: string, from: string, to: string) {
    const cpts = await this.get(reader, id);
    const [start, end] = [new Date(from), new Date(to)];
    if (end <= start) throw InvalidInput.field('to', 'to must be after from');
    if (end.getTime() - start.getTime() > MAX_FIGURES_DAYS * 86_400_000)
      throw InvalidInput.field('to', `the period covers at most ${MAX_FIGURES_DAYS} days`);
    const scope = await this.scopes.ofIdentifiers(cpts.practitionerRpps, cpts.structureIds, `CPTS ${id}`);
    const rows = await this.db.query<CptsFigureRow[]>(CPTS_FIGURES_SQL, [scope.practitionerIds, scope.structureIds, start, end]);
    return { cpts: cpts.id, from: start.toISOString(), to: end.toISOString(), members: memberFigures(rows) };
  }
}

/** An admin reads any CPTS; a coordinator only the one its token names. */
function assertMayRead(reader: Principal, id: string): void {
  if (reader.role === 'cpts-coordinator' && reader.cptsId !== id)
    throw new Forbidden(`a coordinator of CPTS ${reader.cptsId} may not read CPTS ${id}`);
}

const unique = (values: string[]) => [...new Set(values)];

function cptsOf(row: Record<string, unknown>): Cpts {
  return {
    id: row.id as string,
    name: row.name as string,
    practitionerRpps: row.practitioner_rpps as string[],
    structureIds: row.structure_ids as string[],
    communes: row.communes as string[],
    updatedAt: (row.updated_at as Date).toISOString(),
  };
}
