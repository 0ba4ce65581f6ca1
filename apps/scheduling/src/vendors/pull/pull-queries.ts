import { IDNPS_SYSTEM, rppsToIdNps } from '@sas/referentials';
import { VendorFlow } from '../vendor-endpoint';

/** The guide's limits per search: 25 practitioners (INT_R01, INT_R04), 10 SIRET (SOS Médecins). */
export const MAX_PRACTITIONERS_PER_SEARCH = 25;
export const MAX_SIRET_PER_SEARCH = 10;
// The identifier is the IDNST form of the SIRET (3 + 14 digits), as in the guide's examples
// and as our own SOS search (sos-search-params.ts) reads it.
const SIRET_SYSTEM = 'urn:oid:1.2.250.1.71.4.2.2';

export interface PullQuery {
  flow: VendorFlow;
  /** The RPPS (or SIRET for SOS) this query asks about. */
  subjects: string[];
  /** Path and query string relative to the vendor's base URL. */
  path: string;
}

/** Splits a list in chunks of at most `size`. */
export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The searches of one poll, exactly in the guide's shapes, for the window [from, to]. */
export function pullQueries(flows: VendorFlow[], rpps: string[], sirets: string[], from: Date, to: Date): PullQuery[] {
  const window = [`ge${from.toISOString()}`, `le${to.toISOString()}`];
  const queries: PullQuery[] = [];
  // A CPTS vendor answers the individual search too, with the CPTS structure included.
  const practitionerFlow: VendorFlow | undefined = flows.includes('INT_R04')
    ? 'INT_R04'
    : flows.includes('INT_R01')
      ? 'INT_R01'
      : undefined;
  if (practitionerFlow) {
    for (const batch of chunks(rpps, MAX_PRACTITIONERS_PER_SEARCH)) {
      const params: [string, string][] = [
        ['start', window[0]],
        ['start', window[1]],
        ['status', 'free'],
        ['schedule.actor:Practitioner.identifier', batch.map((r) => `${IDNPS_SYSTEM}|${rppsToIdNps(r)}`).join(',')],
        ['_include', 'Slot:schedule'],
        ['_include:iterate', 'Schedule:actor'],
      ];
      if (practitionerFlow === 'INT_R04')
        params.push(['_include', 'Slot:service-type-reference'], ['_include:iterate', 'HealthcareService:organization']);
      queries.push({ flow: practitionerFlow, subjects: batch, path: `/Slot?${encode(params)}` });
    }
  }
  if (flows.includes('SOS')) {
    for (const batch of chunks(sirets, MAX_SIRET_PER_SEARCH)) {
      const params: [string, string][] = [
        ['_revinclude', 'Slot:schedule'],
        ['_include', 'Schedule:actor:Location'],
        ['_include:iterate', 'Location:organization'],
        ['_has:Slot:schedule:start', window[0]],
        ['_has:Slot:schedule:start', window[1]],
        ['_has:Slot:schedule:status', 'free'],
        ['actor:Location.organization.identifier', batch.map((s) => `${SIRET_SYSTEM}|3${s}`).join(',')],
      ];
      queries.push({ flow: 'SOS', subjects: batch, path: `/Schedule?${encode(params)}` });
    }
  }
  return queries;
}

// The guide's examples keep `:`, `|` and `,` readable; servers decode either form.
function encode(params: [string, string][]): string {
  return params
    .map(([k, v]) => `${k}=${encodeURIComponent(v).replace(/%3A/g, ':').replace(/%7C/g, '|').replace(/%2C/g, ',')}`)
    .join('&');
}
