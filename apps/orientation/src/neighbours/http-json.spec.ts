import { DomainError, Forbidden, TooManyRequests } from '@sas/platform';
import { passedThrough } from './http-json';

describe("a neighbour's refusal keeps its meaning", () => {
  it('passes a 429 through with its Retry-After, and a 403 with its reason', () => {
    const limited = passedThrough('scheduling', {
      status: 429,
      body: { message: 'too many booking requests from this client' },
      retryAfter: '17',
    });
    expect(limited).toBeInstanceOf(TooManyRequests);
    expect(limited).toMatchObject({
      status: 429,
      retryAfterSeconds: 17,
      message: 'scheduling: too many booking requests from this client',
    });
    const refused = passedThrough('scheduling', { status: 403, body: { message: 'regulator x does not work for territory 92' } });
    expect(refused).toBeInstanceOf(Forbidden);
    expect(refused?.message).toBe('scheduling: regulator x does not work for territory 92');
  });

  it('waits a minute when the Retry-After is missing or unreadable, and leaves other answers to the client', () => {
    expect((passedThrough('matching', { status: 429, body: undefined }) as TooManyRequests).retryAfterSeconds).toBe(60);
    expect(
      (passedThrough('matching', { status: 429, body: {}, retryAfter: 'Fri, 04 Dec 2026 15:00:00 GMT' }) as TooManyRequests)
        .retryAfterSeconds,
    ).toBe(60);
    for (const status of [200, 400, 404, 409])
      expect(passedThrough('matching', { status, body: {} }) as DomainError | undefined).toBeUndefined();
  });
});
