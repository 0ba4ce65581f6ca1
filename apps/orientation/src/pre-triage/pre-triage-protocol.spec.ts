import { checkRule, followedSuggestion, protocolOf, StoredRule, suggestionFor } from './pre-triage-protocol';

const rules: StoredRule[] = [
  { territory: '*', reason: 'prescription-renewal', outcome: 'pharmacy', urgency: null, mode: null },
  { territory: '*', reason: 'fever', outcome: 'snp-consultation', urgency: 'same-day', mode: 'AMB' },
  { territory: '92', reason: 'prescription-renewal', outcome: 'teleconsultation', urgency: null, mode: 'VR' },
];

describe('pre-triage protocol', () => {
  it.each([
    ['92', 'prescription-renewal', { outcome: 'teleconsultation', source: 'territory' }],
    ['75', 'prescription-renewal', { outcome: 'pharmacy', source: 'default' }],
    ['92', 'fever', { outcome: 'snp-consultation', urgency: 'same-day', source: 'default' }],
  ])("in %s, %s gets the territory's own rule, else the default", (territory, reason, expected) => {
    expect(suggestionFor(rules, territory, reason)).toMatchObject(expected);
  });

  it('suggests nothing for a reason without a rule', () => {
    expect(suggestionFor(rules, '92', 'chest-pain')).toBeUndefined();
  });

  it("lists a territory's protocol in the order of the reason list, each reason once", () => {
    expect(protocolOf(rules, '92').map((r) => [r.reason, r.source])).toEqual([
      ['fever', 'default'],
      ['prescription-renewal', 'territory'],
    ]);
  });

  it.each([
    [{ outcome: 'no-solution', urgency: null, mode: null }, 'outcome'],
    [{ outcome: 'emergency-department', urgency: null, mode: null }, 'outcome'],
    [{ outcome: 'pharmacy', urgency: 'same-day', mode: null }, 'urgency'],
    [{ outcome: 'medical-advice', urgency: null, mode: 'VR' }, 'mode'],
    [{ outcome: 'teleconsultation', urgency: null, mode: 'AMB' }, 'mode'],
  ] as const)('refuses %o naming %s', (rule, field) => {
    expect(() => checkRule(rule)).toThrow(expect.objectContaining({ errors: [expect.objectContaining({ field })] }));
  });

  it('accepts a sensible rule', () => {
    expect(() => checkRule({ outcome: 'teleconsultation', urgency: 'within-48h', mode: 'VR' })).not.toThrow();
  });

  it('records whether the orientation followed the suggestion, null without one', () => {
    expect(followedSuggestion('pharmacy', 'pharmacy')).toBe(true);
    expect(followedSuggestion('pharmacy', 'snp-consultation')).toBe(false);
    expect(followedSuggestion(null, 'pharmacy')).toBeNull();
  });
});
