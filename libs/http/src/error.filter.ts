import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from './api-error';

const CODE_BY_STATUS: Record<number, string> = {
  400: 'validation_failed', 401: 'unauthenticated', 403: 'forbidden', 404: 'not_found', 405: 'method_not_allowed',
  409: 'conflict', 413: 'payload_too_large', 415: 'unsupported_media_type', 429: 'rate_limited', 503: 'unavailable',
};

/** Errors that mean PostgreSQL or Redis is unreachable: the caller should retry, so 503. */
export function isUnavailable(e: unknown): boolean {
  const err = e as { code?: string; message?: string; name?: string; driverError?: unknown; cause?: unknown } | undefined;
  if (!err) return false;
  // TypeORM wraps driver errors; look at what the driver said too.
  if ((err.driverError && isUnavailable(err.driverError)) || (err.cause && err.cause !== e && isUnavailable(err.cause))) return true;
  const code = err.code ?? '';
  if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE'].includes(code)) return true;
  // SQLSTATE: 08 connection exceptions, 53 insufficient resources, 57P operator intervention,
  // 55000 "database is not accepting connections", 3D000 database missing.
  if (/^(08|53|57P)/.test(code) || code === '55000' || code === '3D000') return true;
  if (err.name === 'QueryRunnerAlreadyReleasedError') return true;
  return new RegExp([
    'Connection terminated', 'timeout exceeded when trying to connect', 'Connection is closed', "Stream isn't writeable",
    'enableOfflineQueue', 'Reached the max retries', 'connect ECONNREFUSED', 'not queryable', 'connection error',
    'terminating connection', 'Client was closed',
  ].join('|'), 'i').test(err.message ?? '');
}

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
      return { status, body: envelope(CODE_BY_STATUS[status] ?? 'error', publicMessage(status, exception.message)) };
    }
    const fastifyStatus = (exception as { statusCode?: number })?.statusCode;
    if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
      return { status: fastifyStatus, body: envelope(CODE_BY_STATUS[fastifyStatus] ?? 'bad_request', publicMessage(fastifyStatus)) };
    }
    if (isUnavailable(exception)) {
      this.logger.warn({ reqId: request?.id, err: (exception as Error).message }, 'backing service unavailable');
      return { status: 503, body: ApiError.unavailable().getResponse() };
    }
    this.logger.error({ reqId: request?.id, ...safeErrorFields(exception) }, 'unhandled error');
    return { status: 500, body: envelope('internal', 'Internal error; it has been logged with the request id.') };
  }
}

function envelope(code: string, message: string) {
  return { error: { code, message, details: [] } };
}

function publicMessage(status: number, fallback?: string): string {
  switch (status) {
    case 400: return 'The request body is not valid JSON or not acceptable.';
    case 404: return 'No such resource.';
    case 413: return 'The request body is larger than 256 KiB.';
    case 415: return 'Content-Type must be application/json.';
    case 429: return 'Too many requests; slow down.';
    default: return fallback ?? 'Request failed.';
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
export function safeErrorFields(e: unknown): Record<string, unknown> {
  const err = e as { name?: string; message?: string; stack?: string; code?: unknown; driverError?: unknown } | undefined;
  const db = (err?.driverError ?? (typeof err?.code === 'string' && /^[0-9A-Z]{5}$/.test(err.code) ? err : undefined)) as
    { code?: string; constraint?: string; table?: string; routine?: string } | undefined;
  if (db || err?.name === 'QueryFailedError') {
    return { errName: err?.name, pgCode: db?.code, constraint: db?.constraint, table: db?.table, routine: db?.routine,
      stack: err?.stack?.split('\n').slice(1).join('\n') };
  }
  return { errName: err?.name, err: err?.message, stack: err?.stack };
}
