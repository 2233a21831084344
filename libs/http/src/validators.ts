import { ValidateBy, ValidateIf, ValidationOptions } from 'class-validator';
import { INSTANT_MESSAGE, parseInstant } from './instant';
import { UNSAFE_TEXT_MESSAGE, isSafeText } from './input-hygiene';

/**
 * Optional, but not nullable: an absent field skips validation, an explicit `null` is validated (and
 * fails the type check) instead of reaching a service as a value nobody expected. Use `IsOptional()`
 * only where null means something.
 */
export function IsOmittable(): PropertyDecorator {
  return ValidateIf((_object, value) => value !== undefined);
}

/** A timestamp `parseInstant` accepts (ISO-8601, years 0001-9999). */
export function IsInstant(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isInstant',
      validator: {
        validate: (value) => typeof value === 'string' && parseInstant(value) !== null,
        defaultMessage: () => INSTANT_MESSAGE,
      },
    },
    options,
  );
}

/** Text PostgreSQL can store (see `isSafeText`); for bodies the HTTP layer does not check itself (webhooks). */
export function IsSafeText(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isSafeText',
      validator: {
        validate: (value) => typeof value !== 'string' || isSafeText(value),
        defaultMessage: () => UNSAFE_TEXT_MESSAGE,
      },
    },
    options,
  );
}
