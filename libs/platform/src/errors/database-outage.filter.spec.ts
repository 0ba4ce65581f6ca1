import { isDatabaseOutage } from './database-outage.filter';

describe('isDatabaseOutage', () => {
  it('recognises a database that is down, restarting or refusing connections', () => {
    expect(isDatabaseOutage({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:5433' })).toBe(true);
    expect(
      isDatabaseOutage({ driverError: { code: '57P01', message: 'terminating connection due to administrator command' } }),
    ).toBe(true);
    expect(isDatabaseOutage({ driverError: { code: '57P03', message: 'the database system is starting up' } })).toBe(true);
    expect(isDatabaseOutage(new Error('Connection terminated unexpectedly'))).toBe(true);
  });

  it('leaves other errors alone', () => {
    expect(isDatabaseOutage({ driverError: { code: '23505', message: 'duplicate key value' } })).toBe(false);
    expect(isDatabaseOutage(new TypeError('x is undefined'))).toBe(false);
  });
});
