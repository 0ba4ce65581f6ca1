import { addDays, IDNPS_SYSTEM, parisLocalToUtc } from '@sas/referentials';
import { FhirIssue } from './operation-outcome';
import { unsupportedParameters } from './strict-handling';
import { practitionerOfIdNps, PractitionerKey } from './practitioner-identifier';

export interface SlotSearch {
  /** Slots starting at or after `from` and strictly before `to`. */
  from: Date;
  to: Date;
  practitioners: PractitionerKey[];
  includeSchedule: boolean;
  includeActors: boolean;
  /** CPTS: `_include=Slot:service-type-reference` and `_include:iterate=HealthcareService:organization`. */
  includeServices: boolean;
  includeOrganizations: boolean;
  /** Page size (`_count`); undefined: every match. */
  count?: number;
  offset: number;
  /** The parameters the search used, in the order given: the self link echoes only them. */
  used: [string, string][];
}

export const ACTOR_PARAM = 'schedule.actor:Practitioner.identifier';
const MAX_PRACTITIONERS = 25;
export const MAX_COUNT = 1000;
/** Parameters this search reads; anything else is ignored (lenient) or refused (strict). */
const KNOWN = new Set(['start', 'status', ACTOR_PARAM, '_include', '_include:iterate', '_count', '_offset']);
const INCLUDES: Record<'_include' | '_include:iterate', readonly string[]> = {
  _include: ['Slot:schedule', 'Slot:service-type-reference'],
  '_include:iterate': ['Schedule:actor', 'HealthcareService:organization'],
};

/**
 * Reads the guide's slot search: `start=ge…&start=le…&status=free&
 * schedule.actor:Practitioner.identifier=SYSTEM|ID,…` (1–25 IDNPS: 8 + RPPS or 0 + ADELI)
 * with `_include=Slot:schedule`, `_include:iterate=Schedule:actor` and `_count`; for CPTS,
 * `_include=Slot:service-type-reference` and `_include:iterate=HealthcareService:organization`.
 * Unknown parameters are ignored, as FHIR's default lenient handling says, unless the
 * client asked `Prefer: handling=strict`: then they are a 400 naming them.
 */
export function parseSlotSearch(
  query: Record<string, string | string[] | undefined>,
  options: { strict?: boolean } = {},
): { ok: true; value: SlotSearch } | { ok: false; issues: FhirIssue[] } {
  const issues: FhirIssue[] = [];
  const used: [string, string][] = [];
  const all = (name: string) => [query[name] ?? []].flat();
  const use = (name: string, value: string) => used.push([name, value]);
  if (options.strict) issues.push(...unsupportedParameters(query, KNOWN));

  let from: Date | undefined;
  let to: Date | undefined;
  for (const value of all('start')) {
    const bound = parseStartBound(value);
    if ('reason' in bound) issues.push({ expression: 'start', diagnostics: bound.reason });
    else {
      use('start', value);
      if (bound.prefix === 'ge') from = bound.from;
      else to = bound.to;
    }
  }
  if (!from && !issues.some((i) => i.expression === 'start'))
    issues.push({ expression: 'start', diagnostics: 'start=ge<date or dateTime> is required' });
  if (!to && !issues.some((i) => i.expression === 'start'))
    issues.push({ expression: 'start', diagnostics: 'start=le<date or dateTime> is required' });
  if (from && to && to <= from) issues.push({ expression: 'start', diagnostics: 'the window ends before it starts' });

  const status = all('status');
  if (status.length !== 1 || status[0] !== 'free') issues.push({ expression: 'status', diagnostics: 'status=free is required' });
  else use('status', 'free');

  const actorValues = all(ACTOR_PARAM);
  const actors = actorValues.flatMap((v) => v.split(',')).filter(Boolean);
  if (actors.length === 0)
    issues.push({ expression: ACTOR_PARAM, diagnostics: 'at least one practitioner identifier is required' });
  if (actors.length > MAX_PRACTITIONERS)
    issues.push({ expression: ACTOR_PARAM, diagnostics: `at most ${MAX_PRACTITIONERS} practitioners per search` });
  const practitioners: PractitionerKey[] = [];
  for (const actor of actors) {
    const [system, value] = actor.includes('|') ? actor.split('|') : [undefined, actor];
    const key = value ? practitionerOfIdNps(value) : undefined;
    if (system && system !== IDNPS_SYSTEM)
      issues.push({ expression: ACTOR_PARAM, diagnostics: `unknown identifier system ${system}` });
    else if (!key)
      issues.push({
        expression: ACTOR_PARAM,
        diagnostics: `${value} is not an IDNPS (8 followed by an 11-digit RPPS, or 0 followed by a 9-digit ADELI)`,
      });
    else practitioners.push(key);
  }
  actorValues.forEach((v) => use(ACTOR_PARAM, v));

  const includes = (name: keyof typeof INCLUDES) => {
    const values = all(name);
    const unknown = values.filter((v) => !INCLUDES[name].includes(v));
    if (options.strict && unknown.length)
      issues.push({
        expression: name,
        diagnostics: `${name}=${unknown.join(',')} is not supported (only ${INCLUDES[name].join(', ')})`,
      });
    const known = INCLUDES[name].filter((v) => values.includes(v));
    known.forEach((v) => use(name, v));
    return known;
  };
  const included = [...includes('_include'), ...includes('_include:iterate')];
  const includeSchedule = included.includes('Slot:schedule');
  const includeActors = included.includes('Schedule:actor');
  const includeServices = included.includes('Slot:service-type-reference');
  const includeOrganizations = included.includes('HealthcareService:organization');

  const count = positiveInt(all('_count'), '_count', 0, MAX_COUNT, issues);
  const offset = positiveInt(all('_offset'), '_offset', 0, Number.MAX_SAFE_INTEGER, issues) ?? 0;
  if (count !== undefined) use('_count', String(count));
  if (issues.length) return { ok: false, issues };
  const unique = new Map(practitioners.map((p) => [`${p.kind}:${p.value}`, p]));
  return {
    ok: true,
    value: {
      from: from!,
      to: to!,
      practitioners: [...unique.values()],
      includeSchedule,
      includeActors,
      includeServices,
      includeOrganizations,
      count,
      offset,
      used,
    },
  };
}

type Bound = { prefix: 'ge'; from: Date } | { prefix: 'le'; to: Date } | { reason: string };

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * One `start` bound. A date (`ge2026-12-08`) stands for the whole day in Europe/Paris, as
 * FHIR's date-range semantics read it (ge: from its first instant, le: up to its last); a
 * dateTime must carry its zone: one without is refused rather than guessed, since the
 * guide always sends one.
 */
export function parseStartBound(value: string): Bound {
  const match = /^(ge|le)(.+)$/.exec(value);
  if (!match) return { reason: `start must be ge<date or dateTime> or le<date or dateTime>, got ${value}` };
  const [, prefix, text] = match as unknown as [string, 'ge' | 'le', string];
  if (DATE.test(text)) {
    if (Number.isNaN(Date.parse(text))) return { reason: `start: ${text} is not a date` };
    return prefix === 'ge'
      ? { prefix, from: parisLocalToUtc(text, '00:00') }
      : { prefix, to: parisLocalToUtc(addDays(text, 1), '00:00') };
  }
  if (!DATE_TIME_WITH_ZONE.test(text) || Number.isNaN(Date.parse(text))) {
    return { reason: `start: ${text} must be a date (YYYY-MM-DD) or a dateTime with its zone (…T10:00:00+01:00 or Z)` };
  }
  const instant = new Date(text);
  // le with a dateTime includes that instant: the window is [from, to).
  return prefix === 'ge' ? { prefix, from: instant } : { prefix, to: new Date(instant.getTime() + 1) };
}

function positiveInt(values: string[], name: string, min: number, max: number, issues: FhirIssue[]): number | undefined {
  if (values.length === 0) return undefined;
  const n = Number(values[0]);
  if (values.length > 1 || !/^\d+$/.test(values[0]) || n < min || n > max) {
    issues.push({ expression: name, diagnostics: `${name} must be one integer from ${min} to ${max}` });
    return undefined;
  }
  return n;
}
