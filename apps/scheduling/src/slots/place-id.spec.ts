import { derivePlaceId } from './place-id';

describe('derivePlaceId', () => {
  it('gives the same UUID for the same practitioner and place, another for another place', () => {
    const a = derivePlaceId('10001234567', '92044', 48.89, 2.28);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(derivePlaceId('10001234567', '92044', 48.89, 2.28)).toBe(a);
    expect(derivePlaceId('10001234567', '92051', 48.89, 2.28)).not.toBe(a);
  });
});
