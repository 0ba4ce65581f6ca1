import { DependencyUnavailable } from '@sas/platform';
import { currentTraceHeaders } from '@sas/telemetry';

export interface JsonAnswer<T = unknown> {
  status: number;
  body: T;
}

/**
 * One JSON request to a neighbouring service, with a timeout and the trace context. A
 * network failure or a 5xx becomes a 503 for our caller: nothing was decided.
 */
export async function requestJson<T>(service: string, url: string, init: { method?: string; body?: unknown; timeoutMs?: number; token?: string } = {}): Promise<JsonAnswer<T>> {
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
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

/** The base URL of a neighbour from the environment, without a trailing slash. */
export function serviceUrl(variable: string, fallback: string): string {
  return (process.env[variable] ?? fallback).replace(/\/+$/, '');
}

function definedOnly(headers: object): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
}
