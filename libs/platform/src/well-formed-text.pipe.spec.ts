import { InvalidInput } from './errors/domain-error';
import { WellFormedTextPipe } from './well-formed-text.pipe';

describe('WellFormedTextPipe', () => {
  const pipe = new WellFormedTextPipe();
  const body = { type: 'body' as const };

  it('lets well-formed text through untouched, pairs of surrogates (emoji) included', () => {
    const value = {
      name: 'Cabinet 😀 é',
      slots: [{ bookingUrl: 'https://a.example/x', specialties: ['SM54'] }],
      n: 3,
      ok: true,
      none: null,
    };
    expect(pipe.transform(value, body)).toBe(value);
  });

  it('refuses lone surrogates in a body, naming each field, keys included', () => {
    const value = {
      slots: [{ bookingUrl: 'https://a.example/\ud800' }, { specialties: ['SM54', 'x\udc00'] }],
      ['k\ud83d']: 1,
      note: '\ud83d\ude00\ud83d',
    };
    let error: unknown;
    try {
      pipe.transform(value, body);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidInput);
    expect((error as InvalidInput).errors.map((e) => e.field)).toEqual([
      'slots[0].bookingUrl',
      'slots[1].specialties[1]',
      'k\ud83d',
      'note',
    ]);
    expect((error as InvalidInput).errors[0].reason).toMatch(/well-formed Unicode/);
  });

  it('checks queries too, and leaves route parameters to their own pipes', () => {
    expect(() => pipe.transform({ q: '\udfff' }, { type: 'query' })).toThrow(InvalidInput);
    expect(pipe.transform('\udfff', { type: 'param' })).toBe('\udfff');
  });

  const refusal = (value: unknown) => {
    try {
      pipe.transform(value, body);
    } catch (e) {
      return (e as InvalidInput).errors;
    }
    return [];
  };

  it('refuses U+0000 in text, in keys and in queries, which PostgreSQL cannot store', () => {
    expect(refusal({ name: 'Cabinet\u0000', tags: ['ok', 'a\u0000b'], ['k\u0000']: 1 })).toEqual([
      { field: 'name', reason: 'must not contain the NUL character (U+0000)' },
      { field: 'tags[1]', reason: 'must not contain the NUL character (U+0000)' },
      { field: 'k\u0000', reason: 'has a name that must not contain the NUL character (U+0000)' },
    ]);
    expect(() => pipe.transform({ commune: '92044\u0000' }, { type: 'query' })).toThrow(InvalidInput);
  });

  it('refuses a document nested deeper than 32 levels without recursing (5,000 and 1,000,000 deep)', () => {
    for (const depth of [33, 5_000, 1_000_000]) {
      let value: unknown = 'x';
      for (let i = 0; i < depth; i++) value = i % 2 ? { a: value } : [value];
      const errors = refusal(value);
      expect(errors).toHaveLength(1);
      expect(errors[0].reason).toBe('is nested deeper than 32 levels');
    }
    let ok: unknown = 'x';
    for (let i = 0; i < 31; i++) ok = { a: ok };
    expect(pipe.transform(ok, body)).toBe(ok);
  });
});
