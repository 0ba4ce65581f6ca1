import { Forbidden } from '@sas/platform';
import { OperationOutcome } from './fhir-types';

export interface FhirIssue {
  /** The parameter or element at fault; absent when the problem is the whole request (FHIR forbids an empty string). */
  expression?: string;
  diagnostics: string;
}

/** The OperationOutcome a FHIR endpoint answers with a 4xx or 5xx. */
export function operationOutcome(issues: FhirIssue[], code = 'invalid'): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    issue: issues.map((i) => ({
      severity: 'error',
      code,
      diagnostics: i.diagnostics,
      ...(i.expression && { expression: [i.expression] }),
    })),
  };
}

/** A successful operation's report (a vendor push's summary). */
export function informationOutcome(diagnostics: string): OperationOutcome {
  return { resourceType: 'OperationOutcome', issue: [{ severity: 'information', code: 'informational', diagnostics }] };
}

/** A 403 that names the element the caller may not use (a practitioner the vendor is not registered for). */
export class ElementForbidden extends Forbidden {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}
