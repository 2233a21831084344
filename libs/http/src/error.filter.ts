import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from './api-error';
import { isUnavailable } from './unavailable';

const CODE_BY_STATUS = new Map<number, string>([
  [400, 'validation_failed'],
  [401, 'unauthenticated'],
  [403, 'forbidden'],
  [404, 'not_found'],
  [405, 'method_not_allowed'],
  [409, 'conflict'],
  [413, 'payload_too_large'],
  [415, 'unsupported_media_type'],
  [429, 'rate_limited'],
  [503, 'unavailable'],
]);

export { isUnavailable };

/** Renders every error in the one shape of SPEC 4, without stack traces, SQL or input values. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const { status, body } = this.render(exception, request);
    void reply.status(status).header('content-type', 'application/json; charset=utf-8').send(body);
  }

  render(exception: unknown, request?: FastifyRequest): { status: number; body: unknown } {
    if (exception instanceof ApiError) return { status: exception.getStatus(), body: exception.getResponse() };
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const health = healthDetails(exception.getResponse());
      if (health) return { status, body: { error: { code: 'unavailable', message: 'Not ready.', details: health } } };
      return {
        status,
        body: envelope(CODE_BY_STATUS.get(status) ?? 'error', publicMessage(status, exception.message), bodyDetails(status)),
      };
    }
    const fastifyStatus = (exception as { statusCode?: number })?.statusCode;
    if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
      return {
        status: fastifyStatus,
        body: envelope(
          CODE_BY_STATUS.get(fastifyStatus) ?? 'bad_request',
          publicMessage(fastifyStatus),
          bodyDetails(fastifyStatus),
        ),
      };
    }
    if (isUnavailable(exception)) {
      // Class and code only: a driver's message may quote the statement's input.
      this.logger.warn({ reqId: request?.id, ...safeErrorFields(exception, false) }, 'backing service unavailable');
      return { status: 503, body: ApiError.unavailable().getResponse() };
    }
    this.logger.error({ reqId: request?.id, ...safeErrorFields(exception) }, 'unhandled error');
    return { status: 500, body: envelope('internal', 'Internal error; it has been logged with the request id.') };
  }
}

function envelope(code: string, message: string, details: Array<{ field: string; message: string }> = []) {
  return { error: { code, message, details } };
}

/** A framework-level 400 is about the body as a whole (not JSON, poisoned): one detail naming it. */
function bodyDetails(status: number) {
  return status === 400 ? [{ field: 'body', message: 'must be valid JSON without reserved keys' }] : [];
}

function publicMessage(status: number, fallback?: string): string {
  switch (status) {
    case 400:
      return 'The request body is not valid JSON or not acceptable.';
    case 404:
      return 'No such resource.';
    case 413:
      return 'The request body is larger than 256 KiB.';
    case 415:
      return 'Content-Type must be application/json.';
    case 429:
      return 'Too many requests; slow down.';
    default:
      return fallback ?? 'Request failed.';
  }
}

/** Terminus reports failed checks as {status: 'error', error: {postgres: {status: 'down', ...}}}: name them. */
function healthDetails(response: unknown) {
  const r = response as { status?: string; error?: Record<string, { status?: string }> };
  if (r?.status !== 'error' || !r.error) return null;
  return Object.entries(r.error).map(([component, v]) => ({ component, message: v?.status ?? 'down' }));
}

/**
 * What of an unexpected error may be logged. PostgreSQL messages and details quote the offending input
 * ('invalid input syntax for type uuid: "<value>"', 'Key (x)=(<value>)'), so database errors are logged
 * by code, constraint and table only, and their stack without its message line.
 */
export function safeErrorFields(e: unknown, withStack = true): Record<string, unknown> {
  const err = e as { name?: string; message?: string; stack?: string; code?: unknown; driverError?: unknown } | undefined;
  const db = (err?.driverError ?? (typeof err?.code === 'string' && /^[0-9A-Z]{5}$/.test(err.code) ? err : undefined)) as
    { code?: string; constraint?: string; table?: string; routine?: string } | undefined;
  if (db || err?.name === 'QueryFailedError') {
    return {
      errName: err?.name,
      pgCode: db?.code,
      constraint: db?.constraint,
      table: db?.table,
      routine: db?.routine,
      ...(withStack ? { stack: stackFrames(err) } : {}),
    };
  }
  if (!withStack) return { errName: err?.name, code: typeof err?.code === 'string' ? err.code : undefined };
  return { errName: err?.name, err: err?.message, stack: err?.stack };
}

/** The stack without its first line(s), which repeat the message. */
function stackFrames(err: { stack?: string } | undefined): string | undefined {
  return err?.stack
    ?.split('\n')
    .filter((line) => line.trimStart().startsWith('at '))
    .join('\n');
}
