import { FhirIssue } from './operation-outcome';
import { unsupportedParameters } from './strict-handling';
import { IDNST_SYSTEM } from './sas-codes';
import { MAX_COUNT, parseStartBound } from './slot-search-params';

export interface SosSearch {
  from: Date;
  to: Date;
  /** SIRET of the SOS Médecins associations (14 digits, without the IDNST prefix 3). */
  sirets: string[];
  includeSlots: boolean;
  includeLocations: boolean;
  includeOrganizations: boolean;
  count?: number;
  offset: number;
  used: [string, string][];
}

export const SOS_ACTOR_PARAM = 'actor:Location.organization.identifier';
const START = '_has:Slot:schedule:start';
const STATUS = '_has:Slot:schedule:status';
const MAX_STRUCTURES = 10;
const INCLUDES = {
  _revinclude: 'Slot:schedule',
  _include: 'Schedule:actor:Location',
  '_include:iterate': 'Location:organization',
} as const;
const KNOWN = new Set([START, STATUS, SOS_ACTOR_PARAM, ...Object.keys(INCLUDES), '_count', '_offset']);

/**
 * Reads the guide's SOS Médecins search: `GET /Schedule?_revinclude=Slot:schedule&
 * _include=Schedule:actor:Location&_include:iterate=Location:organization&
 * _has:Slot:schedule:start=ge…&_has:Slot:schedule:start=le…&_has:Slot:schedule:status=free&
 * actor:Location.organization.identifier=urn:oid:1.2.250.1.71.4.2.2|3<SIRET>,…` (1–10).
 * The same rules as the slot search: date bounds, lenient or strict handling, well-formed
 * unknown identifiers find nothing.
 */
export function parseSosSearch(
  query: Record<string, string | string[] | undefined>,
  options: { strict?: boolean } = {},
): { ok: true; value: SosSearch } | { ok: false; issues: FhirIssue[] } {
  const issues: FhirIssue[] = [];
  const used: [string, string][] = [];
  const all = (name: string) => [query[name] ?? []].flat();
  if (options.strict) issues.push(...unsupportedParameters(query, KNOWN));
  let from: Date | undefined;
  let to: Date | undefined;
  for (const value of all(START)) {
    const bound = parseStartBound(value);
    if ('reason' in bound) issues.push({ expression: START, diagnostics: bound.reason });
    else {
      used.push([START, value]);
      if (bound.prefix === 'ge') from = bound.from;
      else to = bound.to;
    }
  }
  if (!from || !to) issues.push({ expression: START, diagnostics: `${START}=ge… and ${START}=le… are required` });
  else if (to <= from) issues.push({ expression: START, diagnostics: 'the window ends before it starts' });
  const status = all(STATUS);
  if (status.length !== 1 || status[0] !== 'free') issues.push({ expression: STATUS, diagnostics: `${STATUS}=free is required` });
  else used.push([STATUS, 'free']);

  const actors = all(SOS_ACTOR_PARAM)
    .flatMap((v) => v.split(','))
    .filter(Boolean);
  if (actors.length === 0 || actors.length > MAX_STRUCTURES)
    issues.push({ expression: SOS_ACTOR_PARAM, diagnostics: `1 to ${MAX_STRUCTURES} structure identifiers are required` });
  const sirets: string[] = [];
  for (const actor of actors) {
    const [system, value] = actor.includes('|') ? actor.split('|') : [undefined, actor];
    if (system && system !== IDNST_SYSTEM)
      issues.push({ expression: SOS_ACTOR_PARAM, diagnostics: `unknown identifier system ${system}` });
    else if (!/^3\d{14}$/.test(value ?? ''))
      issues.push({ expression: SOS_ACTOR_PARAM, diagnostics: `${value} is not an IDNST SIRET (3 followed by 14 digits)` });
    else sirets.push(value!.slice(1));
  }
  all(SOS_ACTOR_PARAM).forEach((v) => used.push([SOS_ACTOR_PARAM, v]));

  const include = (name: keyof typeof INCLUDES) => {
    const values = all(name);
    if (options.strict && values.some((v) => v !== INCLUDES[name]))
      issues.push({ expression: name, diagnostics: `only ${name}=${INCLUDES[name]} is supported` });
    if (values.includes(INCLUDES[name])) used.push([name, INCLUDES[name]]);
    return values.includes(INCLUDES[name]);
  };
  const includeSlots = include('_revinclude');
  const includeLocations = include('_include');
  const includeOrganizations = include('_include:iterate');
  const count = integer(all('_count'), '_count', MAX_COUNT, issues);
  const offset = integer(all('_offset'), '_offset', Number.MAX_SAFE_INTEGER, issues) ?? 0;
  if (count !== undefined) used.push(['_count', String(count)]);
  if (issues.length) return { ok: false, issues };
  return {
    ok: true,
    value: {
      from: from!,
      to: to!,
      sirets: [...new Set(sirets)],
      includeSlots,
      includeLocations,
      includeOrganizations,
      count,
      offset,
      used,
    },
  };
}

function integer(values: string[], name: string, max: number, issues: FhirIssue[]): number | undefined {
  if (values.length === 0) return undefined;
  if (values.length > 1 || !/^\d+$/.test(values[0]) || Number(values[0]) > max) {
    issues.push({ expression: name, diagnostics: `${name} must be one integer from 0 to ${max}` });
    return undefined;
  }
  return Number(values[0]);
}
