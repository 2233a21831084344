import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';

export const WEBHOOK_ROUTE = '/v1/webhooks/:source';
const WEBHOOK_CONTENT_TYPE = 'application/x-eea-webhook';

/**
 * A webhook is authenticated by a signature over its raw bytes, so its body must not be parsed
 * (nor rejected as bad JSON) before the signature is checked. Fastify parses by content type before
 * any handler runs; on the webhook route only, the content type is replaced by one whose parser
 * keeps the bytes untouched (size still capped by the global 256 KiB body limit).
 */
@Injectable()
export class WebhookBodyParser implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance?.() as FastifyInstance | undefined;
    if (!fastify?.addContentTypeParser || fastify.hasContentTypeParser(WEBHOOK_CONTENT_TYPE)) return;
    fastify.addHook('onRequest', async (request) => {
      if (request.routeOptions.url === WEBHOOK_ROUTE && request.method === 'POST') {
        request.headers['content-type'] = WEBHOOK_CONTENT_TYPE;
      }
    });
    fastify.addContentTypeParser(WEBHOOK_CONTENT_TYPE, { parseAs: 'buffer' }, (request, body, done) => {
      (request as { rawBody?: Buffer }).rawBody = body as Buffer;
      done(null, body);
    });
  }
}
