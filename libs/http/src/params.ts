import { PipeTransform } from '@nestjs/common';
import { ApiError } from './api-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;
export const ID_MESSAGE = 'must be 1-128 letters, digits, dot, dash or underscore, starting with a letter or digit';

/** Path ids of stored rows (tickets, consents, tokens) are UUIDs; anything else is a 400 naming the field. */
export class UuidParam implements PipeTransform<string, string> {
  constructor(private readonly field = 'id') {}
  transform(value: string): string {
    if (!UUID.test(value)) throw ApiError.badRequest(this.field, 'must be a UUID');
    return value.toLowerCase();
  }
}

/** Client-chosen ids (organisations, agents). */
export class SlugParam implements PipeTransform<string, string> {
  constructor(private readonly field = 'id') {}
  transform(value: string): string {
    if (!ID_PATTERN.test(value)) throw ApiError.badRequest(this.field, ID_MESSAGE);
    return value;
  }
}
