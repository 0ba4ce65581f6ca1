import { ValidationError } from 'class-validator';
import { fieldErrors } from './validation';

describe('fieldErrors', () => {
  it('names nested fields by their path', () => {
    const nested = Object.assign(new ValidationError(), {
      property: 'communeCode',
      constraints: { matches: 'communeCode must be an INSEE commune code' },
    });
    const place = Object.assign(new ValidationError(), { property: 'place', children: [nested] });
    const top = Object.assign(new ValidationError(), {
      property: 'start',
      constraints: { isIso8601: 'start must be an ISO 8601 date-time' },
    });
    expect(fieldErrors([place, top])).toEqual([
      { field: 'place.communeCode', reason: 'communeCode must be an INSEE commune code' },
      { field: 'start', reason: 'start must be an ISO 8601 date-time' },
    ]);
  });
});
