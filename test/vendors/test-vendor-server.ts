import http from 'node:http';
import { AddressInfo } from 'node:net';
import { ACT_CODE_SYSTEM, SLOT_TYPE_SYSTEM } from '../../apps/scheduling/src/fhir/sas-codes';

/** How the test vendor answers its next searches. */
export type VendorBehaviour = 'ok' | 'hang' | 'error-500' | 'throttle-429' | 'garbage' | 'operation-outcome' | 'one-bad-slot';

export interface TestVendorServer {
  url: string;
  /** Searches received, with the time each arrived. */
  requests: { at: number; rpps: string[] }[];
  behave(b: VendorBehaviour): void;
  /** Practitioners whose slot the vendor no longer offers. */
  taken: Set<string>;
  close(): Promise<void>;
}

/**
 * A vendor FHIR server for fault tests: answers the guide's INT_R01 search with one free
 * slot per asked practitioner (the next day, at an hour fixed per practitioner), or
 * misbehaves as told. `throttle-429` answers 429 with `Retry-After: 1` once, then serves.
 */
export async function startTestVendorServer(perPractitioner = 1): Promise<TestVendorServer> {
  let behaviour: VendorBehaviour = 'ok';
  const requests: TestVendorServer['requests'] = [];
  const taken = new Set<string>();
  const hanging = new Set<http.ServerResponse>();
  let throttled = false;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url!, 'http://vendor');
    const rpps = (url.searchParams.get('schedule.actor:Practitioner.identifier') ?? '')
      .split(',')
      .filter(Boolean)
      .map((v) => v.split('|')[1].slice(1));
    requests.push({ at: Date.now(), rpps });
    const send = (status: number, body: string, headers: Record<string, string> = {}) =>
      res.writeHead(status, { 'content-type': 'application/fhir+json', ...headers }).end(body);
    switch (behaviour) {
      case 'hang':
        hanging.add(res);
        return;
      case 'error-500':
        return send(500, JSON.stringify({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'exception' }] }));
      case 'throttle-429':
        if (!throttled) {
          throttled = true;
          return send(429, '', { 'retry-after': '1' });
        }
        return send(200, JSON.stringify(bundleFor(rpps, taken, false, perPractitioner)));
      case 'garbage':
        return send(200, '<html>maintenance</html>');
      case 'operation-outcome':
        return send(
          400,
          JSON.stringify({
            resourceType: 'OperationOutcome',
            issue: [{ severity: 'error', code: 'invalid', diagnostics: 'start is mandatory' }],
          }),
        );
      case 'one-bad-slot':
        return send(200, JSON.stringify(bundleFor(rpps, taken, true, perPractitioner)));
      case 'ok':
        return send(200, JSON.stringify(bundleFor(rpps, taken, false, perPractitioner)));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/fhir`,
    requests,
    taken,
    behave: (b) => {
      behaviour = b;
      throttled = false;
      if (b !== 'hang') hanging.forEach((r) => r.destroy());
    },
    close: () => {
      hanging.forEach((r) => r.destroy());
      server.closeAllConnections();
      return new Promise((r) => server.close(() => r()));
    },
  };
}

/** The guide's searchset for these practitioners; with `breakFirst`, the first one's slot carries an unknown mode. */
export function bundleFor(rpps: string[], taken: Set<string>, breakFirst: boolean, perPractitioner = 1): object {
  const tomorrow = new Date(Date.now() + 86400_000);
  const entry = rpps.flatMap((r, i) => {
    const start = new Date(
      Date.UTC(tomorrow.getUTCFullYear(), tomorrow.getUTCMonth(), tomorrow.getUTCDate(), 6 + (Number(r.slice(-3)) % 6)),
    );
    const resources = [
      {
        resourceType: 'Practitioner',
        id: `p${r}`,
        identifier: [{ system: 'urn:oid:1.2.250.1.71.4.2.1', value: `8${r}` }],
        name: [{ family: 'Praticien', given: ['Test'] }],
      },
      {
        resourceType: 'PractitionerRole',
        id: `pr${r}`,
        practitioner: { reference: `Practitioner/p${r}` },
        contained: [
          {
            resourceType: 'Location',
            id: 'loc',
            address: { line: ['2 place de la République'], postalCode: '92300', city: 'Levallois-Perret' },
            position: { latitude: 48.8939, longitude: 2.2879 },
          },
        ],
        location: [{ reference: '#loc' }],
      },
      {
        resourceType: 'Schedule',
        id: `s${r}`,
        actor: [{ reference: `Practitioner/p${r}` }, { reference: `PractitionerRole/pr${r}` }],
      },
    ];
    if (taken.has(r)) return resources.map((resource) => ({ resource, search: { mode: 'include' } }));
    const slots = Array.from({ length: perPractitioner }, (_, k) => {
      const at = new Date(start.getTime() + k * 3600_000);
      return {
        resourceType: 'Slot',
        id: k === 0 ? `slot-${r}` : `slot-${r}-${k}`,
        meta: { security: [{ system: SLOT_TYPE_SYSTEM, code: 'SNP' }] },
        serviceType: [{ coding: [{ system: ACT_CODE_SYSTEM, code: breakFirst && i === 0 ? 'TELEPORT' : 'AMB' }] }],
        schedule: { reference: `Schedule/s${r}` },
        status: 'free',
        start: at.toISOString(),
        end: new Date(at.getTime() + 20 * 60_000).toISOString(),
        comment: `https://vendor.example/rdv/${r}`,
      };
    });
    return [
      ...slots.map((resource) => ({ resource, search: { mode: 'match' } })),
      ...resources.map((resource) => ({ resource, search: { mode: 'include' } })),
    ];
  });
  return { resourceType: 'Bundle', type: 'searchset', total: entry.filter((e) => e.search.mode === 'match').length, entry };
}
