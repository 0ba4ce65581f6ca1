import { IDNPS_SYSTEM } from '@sas/referentials';
import { Bundle } from './fhir-types';
import { FhirIssue } from './operation-outcome';
import { practitionerOfIdNps, PractitionerKey } from './practitioner-identifier';
import { practitionerResource, SlotView } from './resource-mappings';

const MAX = 25;

/** `GET /Practitioner?identifier=[urn:oid:1.2.250.1.71.4.2.1|]<IDNPS>,…`: the guide's Practitioner search. */
export function parsePractitionerSearch(
  query: Record<string, string | string[] | undefined>,
): { ok: true; keys: PractitionerKey[] } | { ok: false; issues: FhirIssue[] } {
  const values = [query.identifier ?? []]
    .flat()
    .flatMap((v) => v.split(','))
    .filter(Boolean);
  if (values.length === 0 || values.length > MAX)
    return {
      ok: false,
      issues: [{ expression: 'identifier', diagnostics: `1 to ${MAX} practitioner identifiers are required` }],
    };
  const issues: FhirIssue[] = [];
  const keys: PractitionerKey[] = [];
  for (const token of values) {
    const [system, value] = token.includes('|') ? token.split('|') : [undefined, token];
    const key = value ? practitionerOfIdNps(value) : undefined;
    if (system && system !== IDNPS_SYSTEM)
      issues.push({ expression: 'identifier', diagnostics: `unknown identifier system ${system}` });
    else if (!key)
      issues.push({
        expression: 'identifier',
        diagnostics: `${value} is not an IDNPS (8 + 11-digit RPPS, or 0 + 9-digit ADELI)`,
      });
    else keys.push(key);
  }
  return issues.length ? { ok: false, issues } : { ok: true, keys };
}

export function practitionerSearchset(practitioners: SlotView['practitioner'][], selfUrl: string, baseUrl: string): Bundle {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: practitioners.length,
    link: [{ relation: 'self', url: selfUrl }],
    ...(practitioners.length && {
      entry: practitioners.map((practitioner) => ({
        fullUrl: `${baseUrl}/Practitioner/${practitioner.id}`,
        resource: practitionerResource({ practitioner }),
        search: { mode: 'match' as const },
      })),
    }),
  };
}
