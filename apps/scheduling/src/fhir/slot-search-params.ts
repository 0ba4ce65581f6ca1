import { checkRpps, IDNPS_SYSTEM, idNpsToRpps } from '@sas/referentials';
import { FhirIssue } from './operation-outcome';

export interface SlotSearch {
  from: Date;
  to: Date;
  rppsList: string[];
  includeSchedule: boolean;
  includeActors: boolean;
}

const ACTOR_PARAM = 'schedule.actor:Practitioner.identifier';
const MAX_PRACTITIONERS = 25;

/**
 * Reads the guide's slot search: `start=ge…&start=le…&status=free&
 * schedule.actor:Practitioner.identifier=SYSTEM|8RPPS,…` (1–25) with `_include=Slot:schedule`
 * and `_include:iterate=Schedule:actor`. Other parameters are ignored (FHIR's default
 * lenient handling); `_count` is accepted and ignored.
 */
export function parseSlotSearch(query: Record<string, string | string[] | undefined>): { ok: true; value: SlotSearch } | { ok: false; issues: FhirIssue[] } {
  const issues: FhirIssue[] = [];
  const all = (name: string) => [query[name] ?? []].flat();
  let from: Date | undefined;
  let to: Date | undefined;
  for (const value of all('start')) {
    const match = /^(ge|le)(.+)$/.exec(value);
    const date = match ? new Date(match[2]) : undefined;
    if (!match || Number.isNaN(date!.getTime())) issues.push({ expression: 'start', diagnostics: `start must be ge<dateTime> or le<dateTime>, got ${value}` });
    else if (match[1] === 'ge') from = date;
    else to = date;
  }
  if (!from) issues.push({ expression: 'start', diagnostics: 'start=ge<dateTime> is required' });
  if (!to) issues.push({ expression: 'start', diagnostics: 'start=le<dateTime> is required' });
  if (from && to && to < from) issues.push({ expression: 'start', diagnostics: 'the window ends before it starts' });

  const status = all('status');
  if (status.length !== 1 || status[0] !== 'free') issues.push({ expression: 'status', diagnostics: 'status=free is required' });

  const actors = all(ACTOR_PARAM).flatMap((v) => v.split(',')).filter(Boolean);
  if (actors.length === 0) issues.push({ expression: ACTOR_PARAM, diagnostics: 'at least one practitioner identifier is required' });
  if (actors.length > MAX_PRACTITIONERS) issues.push({ expression: ACTOR_PARAM, diagnostics: `at most ${MAX_PRACTITIONERS} practitioners per search` });
  const rppsList: string[] = [];
  for (const actor of actors) {
    const [system, value] = actor.includes('|') ? actor.split('|') : [undefined, actor];
    const rpps = value ? idNpsToRpps(value) : undefined;
    if (system && system !== IDNPS_SYSTEM) issues.push({ expression: ACTOR_PARAM, diagnostics: `unknown identifier system ${system}` });
    else if (!rpps) issues.push({ expression: ACTOR_PARAM, diagnostics: `${value} is not an IDNPS (8 followed by an 11-digit RPPS)` });
    else if (checkRpps(rpps)) issues.push({ expression: ACTOR_PARAM, diagnostics: `${value}: ${checkRpps(rpps)}` });
    else rppsList.push(rpps);
  }
  if (issues.length) return { ok: false, issues };
  return {
    ok: true,
    value: {
      from: from!,
      to: to!,
      rppsList: [...new Set(rppsList)],
      includeSchedule: all('_include').includes('Slot:schedule'),
      includeActors: all('_include:iterate').includes('Schedule:actor'),
    },
  };
}
