import { FhirIssue } from './operation-outcome';

/**
 * `Prefer: handling=strict` (FHIR search): a parameter the search does not support is an
 * error instead of being ignored. One issue per unsupported parameter, naming it.
 */
export function unsupportedParameters(query: Record<string, unknown>, known: ReadonlySet<string>): FhirIssue[] {
  return Object.keys(query)
    .filter((name) => !known.has(name))
    .map((name) => ({
      expression: name,
      diagnostics: `parameter ${name} is not supported by this search (Prefer: handling=strict)`,
    }));
}
