import { DependencyUnavailable, DomainError, Forbidden, TooManyRequests } from '@sas/platform';
import { readSettings } from '@sas/settings';
import { currentTraceHeaders } from '@sas/telemetry';
import { NEIGHBOUR_SETTINGS } from '../settings';

export interface JsonAnswer<T = unknown> {
  status: number;
  body: T;
  /** The Retry-After header (seconds), when the neighbour sent one. */
  retryAfter?: string;
}

/**
 * One JSON request to a neighbouring service, with a timeout and the trace context. A
 * network failure or a 5xx becomes a 503 for our caller: nothing was decided.
 */
export async function requestJson<T>(
  service: string,
  url: string,
  init: { method?: string; body?: unknown; timeoutMs?: number; token?: string } = {},
): Promise<JsonAnswer<T>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: init.method ?? 'GET',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        ...definedOnly(currentTraceHeaders()),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: AbortSignal.timeout(init.timeoutMs ?? 5000),
    });
  } catch (error) {
    throw new DependencyUnavailable(`${service} did not answer: ${(error as Error).message}`);
  }
  const text = await response.text();
  if (response.status >= 500) throw new DependencyUnavailable(`${service} answered ${response.status}`);
  return {
    status: response.status,
    body: (text ? JSON.parse(text) : undefined) as T,
    retryAfter: response.headers.get('retry-after') ?? undefined,
  };
}

/** The base URL of a neighbour (SCHEDULING_URL, MATCHING_URL), without a trailing slash. */
export function serviceUrl(variable: keyof typeof NEIGHBOUR_SETTINGS, env: NodeJS.ProcessEnv = process.env): string {
  return readSettings({ [variable]: NEIGHBOUR_SETTINGS[variable] }, env)[variable];
}

function definedOnly(headers: object): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
}

/**
 * A neighbour's refusal that keeps its meaning for our caller: its rate limit (429 with
 * its Retry-After) or its access rule (403 with its reason). Undefined for other answers,
 * which each client maps itself.
 */
export function passedThrough(service: string, answer: JsonAnswer<{ message?: string } | undefined>): DomainError | undefined {
  const reason = answer.body?.message ?? '';
  if (answer.status === 429) {
    const seconds = Number(answer.retryAfter);
    return new TooManyRequests(
      `${service}: ${reason || 'too many requests'}`,
      Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : 60,
    );
  }
  if (answer.status === 403) return new Forbidden(`${service}: ${reason || 'forbidden'}`);
  return undefined;
}
