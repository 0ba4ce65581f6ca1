import { signDevelopmentToken } from '@sas/auth';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { expectStatus, ServiceUrls } from './api-client';
import { waitUntilIndexed } from './metrics-scrape';
import { seedRegion, SeedReport } from './seed-region';
import { VendorDesk, VendorSite } from './vendor-desk';
import { VendorPart } from './vendor-share';

/** The variable holding the client secret our scheduling presents to the simulated vendors' token endpoint. */
export const SIMULATION_VENDOR_SECRET_ENV = 'SAS_SIMULATION_VENDOR_SECRET';
const CLIENT_ID = 'sas-simulation';

export interface VendorShareReport {
  vendors: { id: string; practitioners: number; slotsPublished: number; requests: number; slotsPulled: number }[];
  seconds: number;
}

/** The vendor part of a simulated region, running: the desk that plays the vendors, and how to stop what was started here. */
export interface RunningVendorShare {
  desk: VendorDesk;
  report: VendorShareReport;
  close(): Promise<void>;
}

/**
 * Publishes each vendor's part of the region to its own deployment (a second scheduling, as
 * practices publish in their vendor's software), registers every vendor with our scheduling
 * (INT_R01, OAuth 2.0 client credentials against a token endpoint served here, which hands
 * out a regulator token for the region as the vendors' INT_R02 accounts would), polls each
 * once and waits until matching has indexed the pulled slots. Our scheduling must hold the
 * client secret in `SAS_SIMULATION_VENDOR_SECRET`, as `secret` here.
 */
export async function openVendorShare(
  urls: ServiceUrls,
  parts: readonly VendorPart[],
  deployments: readonly string[],
  options: { secret: string; pollIntervalSeconds?: number; concurrency?: number },
): Promise<RunningVendorShare> {
  if (deployments.length < parts.length) throw new Error(`${parts.length} vendors but ${deployments.length} deployments`);
  const started = Date.now();
  const territories = [...new Set(parts.flatMap((p) => p.plan.communes.map((c) => c.departement)))].sort();
  const platformToken = await signDevelopmentToken({
    role: 'regulator',
    regulatorFunction: 'snp-operator',
    territories,
    subject: 'sas-platform',
    ttlSeconds: 24 * 3600,
  });
  const tokens = await startTokenEndpoint(options.secret, platformToken);
  const admin = await signDevelopmentToken({ role: 'admin', subject: 'simulation' });
  try {
    const sites: VendorSite[] = [];
    const vendors: VendorShareReport['vendors'] = [];
    for (const [n, part] of parts.entries()) {
      const url = deployments[n].replace(/\/+$/, '');
      const seeded: SeedReport = await seedRegion(
        part.plan,
        { ...urls, scheduling: url },
        {
          concurrency: options.concurrency ?? 8,
          progress: false,
        },
      );
      const rpps = part.plan.practitioners.map((p) => p.rpps);
      await expectStatus(200, 'PUT', `${urls.scheduling}/vendors/${part.id}`, admin, {
        name: `Agenda simulé ${n + 1}`,
        practitionerRpps: rpps,
        structureIds: [],
        endpoint: {
          baseUrl: `${url}/fhir`,
          flows: ['INT_R01'],
          auth: {
            kind: 'oauth2-client-credentials',
            tokenUrl: tokens.url,
            clientId: CLIENT_ID,
            clientSecretEnv: SIMULATION_VENDOR_SECRET_ENV,
          },
          pollIntervalSeconds: options.pollIntervalSeconds ?? 60,
        },
      });
      const poll = await expectStatus<{ requests: number; slotsReceived: number; failedQueries: number }>(
        200,
        'POST',
        `${urls.scheduling}/vendors/${part.id}/poll`,
        admin,
      );
      if (poll.failedQueries) throw new Error(`the first poll of ${part.id} failed ${poll.failedQueries} search(es)`);
      sites.push({ id: part.id, url, rpps });
      vendors.push({
        id: part.id,
        practitioners: rpps.length,
        slotsPublished: seeded.slotsCreated,
        requests: poll.requests,
        slotsPulled: poll.slotsReceived,
      });
    }
    await waitUntilIndexed(urls, admin, 30 * 60_000);
    return {
      desk: new VendorDesk(urls, sites, territories),
      report: { vendors, seconds: +((Date.now() - started) / 1000).toFixed(1) },
      close: tokens.close,
    };
  } catch (error) {
    await tokens.close();
    throw error;
  }
}

/** A minimal OAuth 2.0 token endpoint (client credentials, HTTP Basic) handing out `token`. */
async function startTokenEndpoint(secret: string, token: string): Promise<{ url: string; close(): Promise<void> }> {
  const expected = `Basic ${Buffer.from(`${encodeURIComponent(CLIENT_ID)}:${encodeURIComponent(secret)}`).toString('base64')}`;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const ok =
        req.method === 'POST' &&
        req.headers.authorization === expected &&
        new URLSearchParams(body).get('grant_type') === 'client_credentials';
      res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
      res.end(JSON.stringify(ok ? { access_token: token, token_type: 'Bearer', expires_in: 3600 } : { error: 'invalid_client' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/token`,
    close: () =>
      new Promise<void>((resolve) => {
        // The pulling scheduling keeps its connection alive: closing only the listener would wait for it.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
