import { CircuitBreaker } from './circuit-breaker';

describe('CircuitBreaker', () => {
  let now = 0;
  const breaker = () => new CircuitBreaker(3, 1000, () => now);
  beforeEach(() => (now = 0));

  it('opens after the threshold of failures in a row and refuses calls while open', () => {
    const b = breaker();
    b.failure();
    b.failure();
    expect(b.state).toBe('closed');
    b.failure();
    expect(b.state).toBe('open');
    expect(b.allow()).toBe(false);
  });

  it('a success in between resets the count', () => {
    const b = breaker();
    b.failure();
    b.failure();
    b.success();
    b.failure();
    expect(b.state).toBe('closed');
  });

  it('lets one trial through after the cool-down; its success closes, its failure reopens', () => {
    const b = breaker();
    [1, 2, 3].forEach(() => b.failure());
    now = 1000;
    expect(b.state).toBe('half-open');
    expect(b.allow()).toBe(true);
    expect(b.allow()).toBe(false);
    b.failure();
    expect(b.state).toBe('open');
    now = 2000;
    expect(b.allow()).toBe(true);
    b.success();
    expect(b.state).toBe('closed');
  });
});
