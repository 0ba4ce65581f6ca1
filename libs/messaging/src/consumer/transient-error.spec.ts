import { isTransientError } from './transient-error';

describe('isTransientError', () => {
  it('treats an unreachable or restarting database as transient', () => {
    expect(isTransientError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(
      isTransientError({ message: 'terminating connection due to administrator command', driverError: { code: '57P01' } }),
    ).toBe(true);
    expect(isTransientError(new Error('Connection terminated unexpectedly'))).toBe(true);
  });

  it('treats a bug or a constraint violation as not transient', () => {
    expect(isTransientError(new TypeError("Cannot read properties of undefined (reading 'x')"))).toBe(false);
    expect(isTransientError({ message: 'duplicate key value violates unique constraint', code: '23505' })).toBe(false);
  });
});
