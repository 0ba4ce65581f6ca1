import { InvalidInput } from './errors/domain-error';
import { WellFormedTextPipe } from './well-formed-text.pipe';

describe('WellFormedTextPipe', () => {
  const pipe = new WellFormedTextPipe();
  const body = { type: 'body' as const };

  it('lets well-formed text through untouched, pairs of surrogates (emoji) included', () => {
    const value = { name: 'Cabinet 😀 é', slots: [{ bookingUrl: 'https://a.example/x', specialties: ['SM54'] }], n: 3, ok: true, none: null };
    expect(pipe.transform(value, body)).toBe(value);
  });

  it('refuses lone surrogates in a body, naming each field, keys included', () => {
    const value = { slots: [{ bookingUrl: 'https://a.example/\ud800' }, { specialties: ['SM54', 'x\udc00'] }], ['k\ud83d']: 1, note: '\ud83d\ude00\ud83d' };
    let error: unknown;
    try {
      pipe.transform(value, body);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidInput);
    expect((error as InvalidInput).errors.map((e) => e.field)).toEqual(['slots[0].bookingUrl', 'slots[1].specialties[1]', 'k\ud83d', 'note']);
    expect((error as InvalidInput).errors[0].reason).toMatch(/well-formed Unicode/);
  });

  it('checks queries too, and leaves route parameters to their own pipes', () => {
    expect(() => pipe.transform({ q: '\udfff' }, { type: 'query' })).toThrow(InvalidInput);
    expect(pipe.transform('\udfff', { type: 'param' })).toBe('\udfff');
  });
});
