import { Principal } from '@sas/auth';
import { InvalidInput } from '@sas/platform';
import { resolveRange } from '../figures/figures-scope';
import { AreaFilterDto, IndicatorsQueryDto } from '../figures/indicators-query.dto';
import { AreaQuery } from './area-figures.service';
import { AreaKind } from './areas';

/** The one EPCI or CPTS a request names, if any (both: a 400). */
export function areaOf(dto: AreaFilterDto): { kind: AreaKind; id: string } | undefined {
  if (dto.epci !== undefined && dto.cpts !== undefined) throw InvalidInput.field('cpts', 'give epci or cpts, not both');
  if (dto.epci !== undefined) return { kind: 'epci', id: dto.epci };
  if (dto.cpts !== undefined) return { kind: 'cpts', id: dto.cpts };
  return undefined;
}

/**
 * The EPCI or CPTS query an /indicators request makes, if it names one (`epci`, `cpts`,
 * `groupBy=epci|cpts`); undefined for the other requests. One area kind at a time; with a
 * filter the rows are the area's (default) or its communes'.
 */
export function areaQuery(dto: IndicatorsQueryDto, reader: Principal): AreaQuery | undefined {
  const filtered = areaOf(dto)?.kind;
  const grouped = dto.groupBy === 'epci' || dto.groupBy === 'cpts' ? dto.groupBy : undefined;
  const kind = filtered ?? grouped;
  if (!kind) return undefined;
  if (filtered && grouped && filtered !== grouped)
    throw InvalidInput.field('groupBy', `groupBy=${grouped} does not go with a ${filtered} filter`);
  const groupBy = dto.groupBy ?? kind;
  if (groupBy !== kind && groupBy !== 'commune')
    throw InvalidInput.field('groupBy', `with ${kind}, groupBy is ${kind} or commune`);
  return {
    ...resolveRange(dto, reader),
    kind,
    filter: areaOf(dto)?.id,
    granularity: dto.granularity ?? 'day',
    groupBy,
  };
}
