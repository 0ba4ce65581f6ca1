import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Principal } from '@sas/auth';
import { Forbidden, InvalidInput } from '@sas/platform';
import { DataSource } from 'typeorm';
import { AgendaScope, AgendaScopes } from '../access/agenda-scope';
import { AgendaQueryDto, AppointmentListQueryDto, SlotListQueryDto } from './agenda-query.dto';
import { AgendaRepository } from './agenda.repository';

/** The agenda views of a practice, a secretariat (for whom it acts) or a CPTS coordinator (its members). */
@Injectable()
export class AgendaService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scopes: AgendaScopes,
    private readonly repository: AgendaRepository,
  ) {}

  async slots(reader: Principal, query: SlotListQueryDto) {
    const scope = await this.scopes.of(reader);
    await this.assertFiltersInScope(scope, query);
    return this.repository.slots(scope, query);
  }

  async appointments(reader: Principal, query: AppointmentListQueryDto) {
    const scope = await this.scopes.of(reader);
    await this.assertFiltersInScope(scope, query);
    return this.repository.appointments(scope, query);
  }

  /**
   * A filter naming someone else's practitioner, structure or place is refused (403 naming
   * the field and why) rather than answered empty: an empty page would read as "no
   * appointments" to a secretariat that asked for a practice it does not serve.
   */
  private async assertFiltersInScope(scope: AgendaScope, query: AgendaQueryDto): Promise<void> {
    if (query.from && query.to && Date.parse(query.from) >= Date.parse(query.to))
      throw InvalidInput.field('to', 'to must be after from');
    // With a structure in scope, its slots of other practitioners are in scope too: the filter only narrows.
    if (query.practitionerId && !scope.practitionerIds.includes(query.practitionerId) && !scope.structureIds.length)
      throw new Forbidden(`practitionerId: ${scope.who} does not act for practitioner ${query.practitionerId}`);
    if (query.structureId && !scope.structureIds.includes(query.structureId))
      throw new Forbidden(`structureId: ${scope.who} does not act for structure ${query.structureId}`);
    if (query.placeId) {
      const [place] = await this.db.query<{ practitioner_id: string | null; structure_id: string | null }[]>(
        `SELECT practitioner_id, structure_id FROM scheduling.place WHERE id = $1`,
        [query.placeId],
      );
      const inScope =
        place &&
        ((place.practitioner_id && scope.practitionerIds.includes(place.practitioner_id)) ||
          (place.structure_id && scope.structureIds.includes(place.structure_id)));
      if (!inScope) throw new Forbidden(`placeId: place ${query.placeId} is not a place of those ${scope.who} acts for`);
    }
  }
}
