import { AgendaScope } from '../access/agenda-scope';
import { AppointmentListQueryDto, SlotListQueryDto } from './agenda-query.dto';

/** A WHERE clause over `s` (slot), `a` (appointment) and `live` (a slot's live SAS booking), with its parameters. */
export interface AgendaWhere {
  sql: string;
  params: unknown[];
}

/**
 * The rows an agenda view may show and the caller asked for. Pure (tested as a table): the
 * scope comes first ($1 practitioners, $2 structures), then one parameter per filter given.
 * A slot is in scope by its practitioner or its structure; time filters read its start.
 */
export function agendaWhere(
  scope: AgendaScope,
  query: SlotListQueryDto | AppointmentListQueryDto,
  view: 'slots' | 'appointments',
): AgendaWhere {
  const params: unknown[] = [scope.practitionerIds, scope.structureIds];
  const conditions = ['(s.owner_id = ANY($1::uuid[]) OR s.structure_id = ANY($2::uuid[]))'];
  const add = (condition: (placeholder: string) => string, value: unknown) => {
    params.push(value);
    conditions.push(condition(`$${params.length}`));
  };
  if (query.practitionerId) add((p) => `s.practitioner_id = ${p}`, query.practitionerId);
  if (query.structureId) add((p) => `s.structure_id = ${p}`, query.structureId);
  if (query.placeId) add((p) => `s.place_id = ${p}`, query.placeId);
  if (query.from) add((p) => `s.start_at >= ${p}`, new Date(query.from));
  if (query.to) add((p) => `s.start_at < ${p}`, new Date(query.to));
  if (view === 'slots') {
    if (query.mode) add((p) => `${p} = ANY(s.modes)`, query.mode);
    if (query.status?.length) add((p) => `s.status = ANY(${p})`, query.status);
    const bookedBySas = (query as SlotListQueryDto).bookedBySas;
    if (bookedBySas !== undefined) conditions.push(bookedBySas ? 'live.id IS NOT NULL' : 'live.id IS NULL');
  } else {
    if (query.mode) add((p) => `a.mode = ${p}`, query.mode);
    if (query.status?.length) add((p) => `a.status = ANY(${p})`, query.status);
  }
  return { sql: conditions.join(' AND '), params };
}
