import { RateLimiter } from './rate-limiter';

describe('RateLimiter', () => {
  it('lets a client make `limit` requests in its window, then says how long to wait', () => {
    const limiter = new RateLimiter(3, 60_000);
    expect([0, 1, 2].map((i) => limiter.take('a', 1000 + i))).toEqual([0, 0, 0]);
    expect(limiter.take('a', 11_000)).toBe(50_000);
    // Refused requests do not count: the window still ends when it was going to.
    expect(limiter.take('a', 21_000)).toBe(40_000);
  });

  it('counts each client on its own', () => {
    const limiter = new RateLimiter(1, 60_000);
    expect(limiter.take('a', 0)).toBe(0);
    expect(limiter.take('a', 1)).toBeGreaterThan(0);
    expect(limiter.take('b', 2)).toBe(0);
  });

  it('opens a new window once the last is over', () => {
    const limiter = new RateLimiter(1, 60_000);
    expect(limiter.take('a', 0)).toBe(0);
    expect(limiter.take('a', 59_999)).toBe(1);
    expect(limiter.take('a', 60_000)).toBe(0);
  });

  it('forgets clients whose window is over', () => {
    const limiter = new RateLimiter(5, 60_000);
    for (let i = 0; i < 100; i++) limiter.take(`client-${i}`, 0);
    expect(limiter.clients).toBe(100);
    limiter.take('late', 60_000);
    expect(limiter.clients).toBe(1);
  });
});
