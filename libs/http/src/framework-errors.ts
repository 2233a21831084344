import type { FastifyBodyParser, FastifyReply, FastifyRequest } from 'fastify';

/**
 * Fastify's router answers some requests before any hook or Nest runs: a URL whose percent-encoding
 * does not decode (`/v1/tickets/%00%ff`), an over-long parameter. Those answers get the common error
 * shape too, without echoing the URL (Fastify's own message quotes it).
 */
export function frameworkErrorHandler(error: { statusCode?: number }, request: FastifyRequest, reply: FastifyReply): void {
  const status = error.statusCode === 400 || error.statusCode === 414 ? error.statusCode : 500;
  const body =
    status === 400
      ? {
          error: {
            code: 'validation_failed',
            message: 'The request is not valid.',
            details: [{ field: 'url', message: 'is not a valid URL: its percent-encoding does not decode' }],
          },
        }
      : status === 414
        ? {
            error: {
              code: 'uri_too_long',
              message: 'A path parameter is too long.',
              details: [{ field: 'url', message: 'has a path parameter that is too long' }],
            },
          }
        : { error: { code: 'internal', message: 'Internal error; it has been logged with the request id.', details: [] } };
  void reply
    .status(status)
    .header('content-type', 'application/json; charset=utf-8')
    .header('x-request-id', request.id)
    .header('x-content-type-options', 'nosniff')
    .send(body);
}

/**
 * `application/json` with an empty body is "no body": generated clients send the header on every POST
 * and DELETE, and SPEC 4 accepts a body-less POST/DELETE either way. Anything else is parsed by
 * Fastify's own JSON parser (prototype poisoning is an error there).
 */
export function emptyTolerantJsonParser(defaultParser: FastifyBodyParser<string>): FastifyBodyParser<Buffer> {
  return (request, body, done) => {
    if (body.length === 0 || (body.length <= 16 && body.toString('utf8').trim() === '')) {
      done(null, undefined);
      return;
    }
    // Fastify's parser reads strings and Buffers alike (secure-json-parse).
    defaultParser(request, body as unknown as string, done);
  };
}
