import { decideOutcome, OutcomeDetails, ReportedOutcome, OutcomeSlot } from './outcome-rules';

const OWN = '10000000009';
const OTHER = '10000000017';
const practitionerSlot: OutcomeSlot = { practitionerRpps: OWN, hasPractitioner: true };
const structureSlot: OutcomeSlot = { practitionerRpps: null, hasPractitioner: false };

describe('decideOutcome: who saw the patient, and why they did not come', () => {
  it.each<[string, ReportedOutcome, OutcomeDetails, OutcomeSlot, ReturnType<typeof decideOutcome>]>([
    [
      "honoured on a practitioner's slot: that practitioner",
      'honoured',
      {},
      practitionerSlot,
      { accepted: true, performingPractitionerRpps: OWN, reason: null },
    ],
    [
      'honoured by a replacement: the RPPS named',
      'honoured',
      { performingPractitionerRpps: OTHER },
      practitionerSlot,
      { accepted: true, performingPractitionerRpps: OTHER, reason: null },
    ],
    [
      "honoured on a structure's slot with the RPPS",
      'honoured',
      { performingPractitionerRpps: OTHER },
      structureSlot,
      { accepted: true, performingPractitionerRpps: OTHER, reason: null },
    ],
    [
      "honoured on a structure's slot without it: refused",
      'honoured',
      {},
      structureSlot,
      { accepted: false, field: 'performingPractitionerRpps', why: expect.stringContaining('is required') },
    ],
    [
      "a no-show on a structure's slot names nobody",
      'no-show',
      { reason: 'no-notice' },
      structureSlot,
      { accepted: true, performingPractitionerRpps: null, reason: 'no-notice' },
    ],
    [
      "a no-show on a practitioner's slot: that practitioner, with the reason",
      'no-show',
      { reason: 'late-cancellation' },
      practitionerSlot,
      { accepted: true, performingPractitionerRpps: OWN, reason: 'late-cancellation' },
    ],
    [
      'honoured with a reason: refused',
      'honoured',
      { reason: 'other' },
      practitionerSlot,
      { accepted: false, field: 'reason', why: 'only a no-show has a reason' },
    ],
  ])('%s', (_name, outcome, details, slot, expected) => {
    expect(decideOutcome(outcome, details, slot)).toEqual(expected);
  });
});
