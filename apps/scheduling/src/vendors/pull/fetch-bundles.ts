import { request, retryAfterMs, safeJson, VendorCallError, VendorCredentials } from './vendor-http';

export interface FetchPolicy {
  timeoutMs: number;
  /** Attempts per page, the first included. */
  attempts: number;
  baseBackoffMs: number;
  /** A Retry-After longer than this fails the call instead of holding the cycle. */
  maxRetryAfterMs: number;
  /** Pages followed through Bundle.link[next] before giving up (a looping server). */
  maxPages: number;
  /** Called once per HTTP request, with its duration and outcome, for the metrics. */
  observe?: (seconds: number, error?: VendorCallError) => void;
}

/** Every page of a search: the first from `url`, then each `Bundle.link[next]`. */
export async function fetchBundles(url: string, credentials: VendorCredentials, policy: FetchPolicy): Promise<object[]> {
  const pages: object[] = [];
  let next: string | undefined = url;
  while (next) {
    if (pages.length >= policy.maxPages) throw new VendorCallError('invalid-bundle', `more than ${policy.maxPages} pages`);
    const page = await fetchWithRetries(next, credentials, policy);
    pages.push(page);
    next = (page as { link?: { relation?: string; url?: string }[] }).link?.find((l) => l.relation === 'next')?.url;
  }
  return pages;
}

async function fetchWithRetries(url: string, credentials: VendorCredentials, policy: FetchPolicy): Promise<object> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetchOnce(url, credentials, policy);
    } catch (error) {
      const e = error instanceof VendorCallError ? error : new VendorCallError('network', (error as Error).message);
      const retriable =
        e.kind === 'timeout' || e.kind === 'network' || e.kind === 'http-5xx' || e.kind === 'http-429' || e.kind === 'auth';
      if (!retriable || attempt >= policy.attempts) throw e;
      if (e.retryAfterMs !== undefined && e.retryAfterMs > policy.maxRetryAfterMs) throw e;
      // Exponential backoff with jitter, unless the vendor said when to come back.
      const wait = e.retryAfterMs ?? policy.baseBackoffMs * 2 ** (attempt - 1) * (0.5 + Math.random());
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}

async function fetchOnce(url: string, credentials: VendorCredentials, policy: FetchPolicy): Promise<object> {
  const started = process.hrtime.bigint();
  const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
  try {
    const tls = credentials.tls();
    const answer = await request(url, {
      headers: { accept: 'application/fhir+json', ...(await credentials.headers()) },
      timeoutMs: policy.timeoutMs,
      ...(tls && { tls }),
    });
    const body = safeJson(answer.body) as { resourceType?: string } | undefined;
    if (answer.status === 401) {
      credentials.forget();
      throw new VendorCallError('auth', 'the vendor refused our credentials (401)');
    }
    if (answer.status === 429)
      throw new VendorCallError('http-429', 'the vendor asks to slow down (429)', retryAfterMs(answer.headers['retry-after']));
    if (answer.status >= 500)
      throw new VendorCallError('http-5xx', `the vendor answered ${answer.status}`, retryAfterMs(answer.headers['retry-after']));
    if (body?.resourceType === 'OperationOutcome')
      throw new VendorCallError(
        'operation-outcome',
        `the vendor answered ${answer.status} with an OperationOutcome: ${diagnostics(body)}`,
      );
    if (answer.status >= 400) throw new VendorCallError('http-4xx', `the vendor answered ${answer.status}`);
    if (body?.resourceType !== 'Bundle') throw new VendorCallError('invalid-bundle', 'the answer is not a FHIR Bundle');
    policy.observe?.(seconds());
    return body;
  } catch (error) {
    const e = error instanceof VendorCallError ? error : new VendorCallError('network', (error as Error).message);
    policy.observe?.(seconds(), e);
    throw e;
  }
}

// Only the vendor's own words, cut short: they go to logs and the registration's status.
function diagnostics(outcome: object): string {
  const issue = (outcome as { issue?: { diagnostics?: string; code?: string }[] }).issue?.[0];
  return (issue?.diagnostics ?? issue?.code ?? 'no diagnostics').slice(0, 200);
}
