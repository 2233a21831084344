import { PipeTransform } from '@nestjs/common';
import { ApiError } from '@eea/http';

/** SPEC 4: 1-200 characters of printable Unicode, spaces allowed ("ACME Corp", "müller-gmbh"). */
const ORGANIZATION_ID = /^[^\p{Cc}\p{Cs}\u2028\u2029]{1,200}$/u;

/**
 * Organisation ids are the ids the ticketing systems use, so they are as free as theirs; they arrive
 * URL-encoded in the path and Fastify has decoded them by now.
 */
export class OrganizationIdParam implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!ORGANIZATION_ID.test(value) || value.trim() === '') {
      throw ApiError.badRequest('id', 'must be 1-200 printable characters (spaces allowed, URL-encoded in the path)');
    }
    return value;
  }
}
