import { readFileSync } from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';

const EXAMPLES = join(__dirname, '../fhir/ans-sas-guide/examples');

/** How the example server answers: the Bundle, a 500 with an OperationOutcome, or nothing at all. */
export type ExampleBehaviour = 'ok' | 'error-500' | 'hang';

/**
 * Serves one of the ANS guide's own example Bundles as a vendor's search answer, its
 * slots moved to `day` (same local hour) so they fall in the SAS's window; every search
 * it receives is kept. `behave` makes it fail until told 'ok' again.
 */
export async function serveGuideExample(
  file: string,
  day: Date,
): Promise<{
  url: string;
  searches: URL[];
  bundle: { entry: { resource: { resourceType: string; id: string } }[] };
  behave(b: ExampleBehaviour): void;
  close(): Promise<void>;
}> {
  const bundle = JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8'));
  for (const entry of bundle.entry) {
    const r = entry.resource;
    if (r.resourceType !== 'Slot') continue;
    for (const key of ['start', 'end'] as const) r[key] = r[key].replace(/^\d{4}-\d{2}-\d{2}/, day.toISOString().slice(0, 10));
  }
  const searches: URL[] = [];
  let behaviour: ExampleBehaviour = 'ok';
  const hanging = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    searches.push(new URL(req.url!, 'http://vendor'));
    if (behaviour === 'hang') return void hanging.add(res);
    if (behaviour === 'error-500')
      return void res
        .writeHead(500, { 'content-type': 'application/fhir+json' })
        .end(JSON.stringify({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'exception' }] }));
    res.writeHead(200, { 'content-type': 'application/fhir+json' }).end(JSON.stringify(bundle));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  // `bundle` is served as it is at each request: a test edits it to make the vendor change its answer.
  return {
    url: `http://127.0.0.1:${port}/fhir`,
    searches,
    bundle,
    behave: (b) => {
      behaviour = b;
      if (b !== 'hang') hanging.forEach((r) => r.destroy());
    },
    close: () => {
      hanging.forEach((r) => r.destroy());
      server.closeAllConnections();
      return new Promise((r) => server.close(() => r()));
    },
  };
}
