import { Principal } from '@sas/auth';
import { Forbidden, InvalidInput } from '@sas/platform';
import { readableTerritories, resolveRange } from './figures-scope';

const reader = (overrides: Partial<Principal>): Principal => ({
  subject: 's',
  role: 'bi',
  territories: [],
  practitionerRpps: [],
  structureIds: [],
  token: 't',
  ...overrides,
});
const days = { from: '2026-11-02', to: '2026-11-08' };

describe('who reads which territories', () => {
  it.each([
    ['an admin', reader({ role: 'admin' }), undefined],
    ['a BI reader without territories', reader({}), undefined],
    ['a BI reader of 93', reader({ territories: ['93'] }), ['93']],
    [
      'a supervisor of 92 and 95',
      reader({ role: 'regulator', regulatorFunction: 'supervisor', territories: ['92', '95'] }),
      ['92', '95'],
    ],
  ])('%s reads %j', (_who, principal, expected) => {
    expect(readableTerritories(principal)).toEqual(expected);
  });

  it('refuses regulators other than supervisors, and supervisors of no territory', () => {
    expect(() =>
      readableTerritories(reader({ role: 'regulator', regulatorFunction: 'snp-operator', territories: ['92'] })),
    ).toThrow(Forbidden);
    expect(() => readableTerritories(reader({ role: 'regulator', regulatorFunction: 'supervisor' }))).toThrow(Forbidden);
  });
});

describe('the range a request asks for', () => {
  it('filters a region to its départements, and to the reader’s among them', () => {
    expect(resolveRange({ region: '11', ...days }, reader({})).territories).toEqual([
      '75',
      '77',
      '78',
      '91',
      '92',
      '93',
      '94',
      '95',
    ]);
    expect(resolveRange({ region: '11', ...days }, reader({ territories: ['93', '13'] })).territories).toEqual(['93']);
    expect(resolveRange({ ...days }, reader({ territories: ['93'] })).territories).toEqual(['93']);
    expect(resolveRange({ ...days }, reader({ role: 'admin' })).territories).toBeUndefined();
  });

  it('refuses a territory the reader may not read, or a region holding none of theirs', () => {
    expect(() => resolveRange({ territory: '92', ...days }, reader({ territories: ['93'] }))).toThrow(Forbidden);
    expect(() => resolveRange({ region: '84', ...days }, reader({ territories: ['93'] }))).toThrow(Forbidden);
  });

  it('names the field of a territory outside the region, and of bad dates', () => {
    expect(() => resolveRange({ territory: '13', region: '11', ...days }, reader({}))).toThrow(InvalidInput);
    expect(() => resolveRange({ from: '2026-02-30', to: '2026-03-01' }, reader({}))).toThrow(/from/);
    expect(() => resolveRange({ from: '2025-01-01', to: '2026-03-01' }, reader({}))).toThrow(/366 days/);
  });
});
