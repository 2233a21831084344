import { ValidationError, ValidationPipe } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { ApiError, ErrorDetail } from './api-error';

/** Flattens class-validator's tree into one detail per bad field, named by its dotted path. */
export function toDetails(errors: ValidationError[], parent = ''): ErrorDetail[] {
  return errors.flatMap((e) => {
    const unknown = e.constraints?.whitelistValidation !== undefined;
    const property = unknown && !isKnownFieldName(e.property) ? UNKNOWN_KEY : e.property;
    const field = parent ? (/^\d+$/.test(property) ? `${parent}[${property}]` : `${parent}.${property}`) : property;
    const own = e.constraints
      ? [{ field, message: unknown ? 'is not a known field' : Object.values(e.constraints).join('; ') }]
      : [];
    return [...own, ...toDetails(e.children ?? [], field)];
  });
}

/**
 * What stands in for an unknown key in a detail's path. The caller chose that key, and it may be
 * anything (an email address, a name): it is echoed only when it is a field name the API itself uses
 * somewhere (a field sent at the wrong level), which helps the sender and reveals nothing.
 */
export const UNKNOWN_KEY = '<unknown key>';

let known: { size: number; names: Set<string> } | undefined;

function isKnownFieldName(key: string): boolean {
  // class-validator keeps its metadata in a Map it does not expose in its types.
  const all = (getMetadataStorage() as unknown as { validationMetadatas?: Map<unknown, Array<{ propertyName: string }>> })
    .validationMetadatas;
  if (!all) return false;
  if (!known || known.size !== all.size) {
    known = { size: all.size, names: new Set([...all.values()].flatMap((list) => list.map((m) => m.propertyName))) };
  }
  return known.names.has(key);
}

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => ApiError.validation(toDetails(errors)),
  });
}
