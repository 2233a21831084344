import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ApiError } from './api-error';
import { UNSAFE_TEXT_MESSAGE, findUnsafeText } from './input-hygiene';

/**
 * Refuses, with a 400 naming the field, any parsed body, query string or path parameter carrying text
 * PostgreSQL cannot store, before validation or a handler sees it. Webhook bodies arrive as raw bytes
 * (their signature is over them) and are checked by their adapters instead.
 */
export function registerInputHygiene(app: NestFastifyApplication): void {
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('preValidation', async (request) => {
      const field = findUnsafeText(request.params) ?? findUnsafeText(request.query) ?? findUnsafeText(request.body);
      if (field) throw ApiError.badRequest(field, UNSAFE_TEXT_MESSAGE);
    });
}
