import { Injectable } from '@nestjs/common';
import { DependencyUnavailable } from '@sas/platform';
import { passedThrough, requestJson, serviceUrl } from './http-json';

export interface SearchCriteria {
  commune: string;
  mode?: string;
  specialty?: string;
  from: string;
  to: string;
  radiusKm?: number;
  limit?: number;
  /** Equity needs (see matching's search): ISO 639 code, cover status, comma-separated accessibility codes. */
  interpreterFor?: string;
  cover?: string;
  accessibility?: string;
}

export interface SearchAnswer {
  criteria: SearchCriteria;
  results: Record<string, unknown>[];
}

/** Ranked slot search in matching's read model (MATCHING_URL). */
@Injectable()
export class MatchingClient {
  private readonly base = serviceUrl('MATCHING_URL');

  async search(criteria: SearchCriteria, token: string): Promise<SearchAnswer> {
    const query = new URLSearchParams(
      Object.entries(criteria)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]): [string, string] => [k, String(v)]),
    );
    const answer = await requestJson<{ results: Record<string, unknown>[]; message?: string }>(
      'matching',
      `${this.base}/search?${query}`,
      { token },
    );
    if (answer.status !== 200)
      throw (
        passedThrough('matching', answer) ??
        new DependencyUnavailable(`matching answered ${answer.status} to a search: ${answer.body?.message ?? ''}`)
      );
    return { criteria, results: answer.body.results };
  }
}
