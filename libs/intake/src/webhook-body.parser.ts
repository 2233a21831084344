import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '@eea/http';

export const WEBHOOK_ROUTE = '/v1/webhooks/:source';
const WEBHOOK_CONTENT_TYPE = 'application/x-eea-webhook';
/** Jira sends whole issues and Zendesk renders long fields: their bodies may be this large (SPEC 5.1). */
export const VENDOR_BODY_LIMIT = 5 * 1024 * 1024;
/** `generic` and every other route keep the global limit. */
export const GENERIC_BODY_LIMIT = 256 * 1024;
const VENDOR_SOURCES = new Set(['zendesk', 'jira']);

/**
 * A webhook is authenticated by a signature over its raw bytes, so its body must not be parsed
 * (nor rejected as bad JSON) before the signature is checked. Fastify parses by content type before
 * any handler runs; on the webhook route only, the content type is replaced by one whose parser
 * keeps the bytes untouched. That parser reads up to 5 MiB; a `generic` body is held to 256 KiB,
 * refused from its Content-Length before anything is read when it says so.
 */
@Injectable()
export class WebhookBodyParser implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance?.() as FastifyInstance | undefined;
    if (!fastify?.addContentTypeParser || fastify.hasContentTypeParser(WEBHOOK_CONTENT_TYPE)) return;
    fastify.addHook('onRequest', async (request, reply) => {
      if (request.routeOptions.url === WEBHOOK_ROUTE && request.method === 'POST') {
        request.headers['content-type'] = WEBHOOK_CONTENT_TYPE;
        if (Number(request.headers['content-length']) > limitFor(request)) {
          // The body is left unread, so the connection cannot carry another request.
          void reply.header('connection', 'close');
          throw tooLarge(limitFor(request));
        }
      }
    });
    fastify.addContentTypeParser(
      WEBHOOK_CONTENT_TYPE,
      { parseAs: 'buffer', bodyLimit: VENDOR_BODY_LIMIT },
      (request, body, done) => {
        const raw = body as Buffer;
        if (raw.length > limitFor(request)) return done(tooLarge(limitFor(request)), undefined);
        (request as { rawBody?: Buffer }).rawBody = raw;
        done(null, raw);
      },
    );
  }
}

function limitFor(request: FastifyRequest): number {
  const source = (request.params as { source?: string } | undefined)?.source;
  return source && VENDOR_SOURCES.has(source) ? VENDOR_BODY_LIMIT : GENERIC_BODY_LIMIT;
}

function tooLarge(limit: number): ApiError {
  return new ApiError(
    413,
    'payload_too_large',
    `The request body is larger than ${limit >= 1024 * 1024 ? `${limit / 1024 / 1024} MiB` : `${limit / 1024} KiB`}.`,
  );
}
