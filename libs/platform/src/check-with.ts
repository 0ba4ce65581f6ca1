import { ValidateBy, ValidationArguments, ValidationOptions } from 'class-validator';

/**
 * A class-validator decorator from a plain check function that returns the reason a
 * value is wrong (or undefined), so DTOs reuse the referential's rules and messages.
 */
export function CheckWith(check: (value: string) => string | undefined, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: check.name || 'checkWith',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && check(value) === undefined,
        defaultMessage: (args?: ValidationArguments) =>
          typeof args?.value === 'string' ? (check(args.value) ?? 'is invalid') : `${args?.property} must be a string`,
      },
    },
    options,
  );
}
