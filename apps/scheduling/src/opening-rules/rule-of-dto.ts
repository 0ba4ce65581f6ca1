import { InvalidInput } from '@sas/platform';
import { SlotAttributes } from '../slots/slot-factory';
import { checkOpeningRule, OpeningRule, RuleException } from './opening-rule';
import { CreateOpeningRuleDto, ExceptionDto } from './opening-rule.dto';

/** The rule a request describes, checked as a whole (400 naming each field at fault). */
export function ruleOfDto(dto: CreateOpeningRuleDto): OpeningRule {
  const rule: OpeningRule = {
    weekdays: dto.weekdays ?? [],
    periods: dto.periods.map(({ start, end }) => ({ start, end })),
    slotMinutes: dto.slotMinutes,
    validFrom: dto.validFrom,
    validUntil: dto.validUntil,
    exceptions: (dto.exceptions ?? []).map(exceptionOfDto),
    closedOnPublicHolidays: dto.closedOnPublicHolidays ?? false,
    ...(dto.publicHolidays && { publicHolidays: dto.publicHolidays }),
    ...(dto.everyWeeks !== undefined && { everyWeeks: dto.everyWeeks }),
    ...(dto.weekAnchor && { weekAnchor: dto.weekAnchor }),
    ...(dto.rota && { rota: { practitionerIds: dto.rota.practitionerIds, turn: dto.rota.turn } }),
  };
  const errors = checkOpeningRule(rule);
  if (dto.rota && dto.practitionerId)
    errors.push({ field: 'practitionerId', reason: 'a rota rule belongs to a structure; its practitioners are in rota' });
  if (dto.rota && !dto.structureId) errors.push({ field: 'structureId', reason: 'a rota rule belongs to a structure' });
  if (errors.length) throw new InvalidInput(errors);
  return rule;
}

export function exceptionOfDto({ from, to, reason, practitionerId }: ExceptionDto): RuleException {
  return { from, to, ...(reason && { reason }), ...(practitionerId && { practitionerId }) };
}

/** A stored rule with exceptions added, checked again; the fields of the new ones are named as `addExceptions[i]`. */
export function withExceptions(rule: OpeningRule, added: RuleException[], field = 'addExceptions'): OpeningRule {
  const updated = { ...rule, exceptions: [...rule.exceptions, ...added] };
  const offset = rule.exceptions.length;
  const errors = checkOpeningRule(updated).map((e) => {
    const m = /^exceptions\[(\d+)\](.*)$/.exec(e.field);
    return m && Number(m[1]) >= offset ? { ...e, field: `${field}[${Number(m[1]) - offset}]${m[2]}` } : e;
  });
  if (errors.length) throw new InvalidInput(errors);
  return updated;
}

export function slotAttributesOf(dto: CreateOpeningRuleDto): SlotAttributes {
  return {
    visibility: dto.visibility,
    modes: dto.modes,
    appointmentType: dto.appointmentType,
    specialties: dto.specialties,
    bookingUrl: dto.bookingUrl,
    acceptsBeyondSlots: dto.acceptsBeyondSlots,
    ...(dto.capacity !== undefined && { capacity: dto.capacity }),
  };
}
