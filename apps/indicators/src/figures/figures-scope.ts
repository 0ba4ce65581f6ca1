import { Principal } from '@sas/auth';
import { Forbidden, InvalidInput } from '@sas/platform';
import { addDays, departementsOfRegion, utcToParisLocal } from '@sas/referentials';
import { IndicatorsRangeDto } from './indicators-query.dto';

const MAX_DAYS = 366;

export interface FiguresRange {
  /** Départements the figures are restricted to; undefined: every one. */
  territories?: string[];
  from: string; // YYYY-MM-DD, Europe/Paris, inclusive
  to: string; // YYYY-MM-DD, Europe/Paris, inclusive
}

/**
 * The territories a caller may read: admins and unscoped BI tokens every one; a BI token
 * naming territories, and a regulation supervisor, only theirs. Any other regulator none.
 */
export function readableTerritories(principal: Principal): string[] | undefined {
  if (principal.role === 'regulator') {
    if (principal.regulatorFunction !== 'supervisor') throw new Forbidden('among regulators, only supervisors read indicators');
    if (!principal.territories.length) throw new Forbidden('this supervisor token names no territory');
    return principal.territories;
  }
  if (principal.role === 'bi' && principal.territories.length) return principal.territories;
  return undefined;
}

/** The départements and days a request asks for, within what the caller may read. */
export function resolveRange(dto: IndicatorsRangeDto, principal: Principal): FiguresRange {
  const allowed = readableTerritories(principal);
  if (dto.territory && dto.region && !departementsOfRegion(dto.region).some((d) => d.code === dto.territory)) {
    throw InvalidInput.field('territory', `${dto.territory} is not in region ${dto.region}`);
  }
  if (dto.territory && allowed && !allowed.includes(dto.territory))
    throw new Forbidden(`you may read the indicators of ${allowed.join(', ')} only`);
  let territories = dto.territory
    ? [dto.territory]
    : dto.region
      ? departementsOfRegion(dto.region).map((d) => d.code)
      : undefined;
  if (allowed) territories = territories ? territories.filter((t) => allowed.includes(t)) : allowed;
  if (territories && !territories.length)
    throw new Forbidden(`you may read the indicators of ${allowed!.join(', ')} only, none of region ${dto.region}`);
  const today = utcToParisLocal(new Date()).date;
  const to = dto.to ?? today;
  const from = dto.from ?? addDays(to, -30);
  if (!isRealDate(from)) throw InvalidInput.field('from', `${from} is not a calendar date`);
  if (!isRealDate(to)) throw InvalidInput.field('to', `${to} is not a calendar date`);
  if (from > to) throw InvalidInput.field('from', 'must not be after to');
  if (addDays(from, MAX_DAYS) <= to) throw InvalidInput.field('to', `the range is limited to ${MAX_DAYS} days`);
  return { territories, from, to };
}

function isRealDate(date: string): boolean {
  return new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) === date;
}
