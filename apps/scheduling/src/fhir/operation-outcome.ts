import { OperationOutcome } from './fhir-types';

export interface FhirIssue {
  expression: string;
  diagnostics: string;
}

/** The OperationOutcome a FHIR endpoint answers with a 4xx. */
export function operationOutcome(issues: FhirIssue[], code = 'invalid'): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    issue: issues.map((i) => ({ severity: 'error', code, diagnostics: i.diagnostics, expression: [i.expression] })),
  };
}
