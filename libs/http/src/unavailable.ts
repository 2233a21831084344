/**
 * Whether an error means "a backing service (PostgreSQL, Redis) cannot be reached; retry later" (503)
 * rather than a bug or bad input (500/400). Decided by error class, SQLSTATE or system error code and
 * where the error was raised, never by its message: messages can quote caller input (a cursor reading
 * "connection error" once turned a 500 into a 503 and was logged).
 */

/** Node system errors of a socket that could not reach or lost its peer. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

/**
 * SQLSTATE: 08 connection exception, 53 insufficient resources, 57P operator intervention (shutdown,
 * crash), 55000 database not accepting connections, 3D000 database missing, 25006 read-only (a standby
 * after a failover).
 */
const UNAVAILABLE_SQLSTATE = /^(08...|53...|57P..|55000|3D000|25006)$/;

/** Classes whose very type says "not connected" (TypeORM, ioredis / redis-errors). */
const UNAVAILABLE_CLASSES = new Set([
  'QueryRunnerAlreadyReleasedError',
  'CannotExecuteNotConnectedError',
  'ConnectionIsNotSetError',
  'MaxRetriesPerRequestError',
  'ClusterAllFailedError',
  'AbortError',
  'InterruptError',
]);

/**
 * The drivers raise a plain `Error` with no code when a connection breaks or cannot be had ("Connection
 * terminated", pool timeouts, ioredis's closed streams); server-side errors carry a SQLSTATE or are
 * ReplyErrors. A plain Error created inside these packages is therefore a connection failure.
 */
const DRIVER_FRAME = /[\\/]node_modules[\\/](pg|pg-pool|pg-protocol|ioredis|bullmq)[\\/]/;

interface ErrorLike {
  code?: unknown;
  name?: unknown;
  message?: unknown;
  stack?: unknown;
  driverError?: unknown;
  cause?: unknown;
}

export function isUnavailable(e: unknown, depth = 0): boolean {
  if (!e || typeof e !== 'object' || depth > 4) return false;
  const err = e as ErrorLike;
  // TypeORM wraps driver errors (QueryFailedError.driverError); so may our own code (cause).
  if (err.driverError && isUnavailable(err.driverError, depth + 1)) return true;
  if (err.cause && err.cause !== e && isUnavailable(err.cause, depth + 1)) return true;
  const code = typeof err.code === 'string' ? err.code : '';
  if (NETWORK_CODES.has(code) || UNAVAILABLE_SQLSTATE.test(code)) return true;
  if (typeof err.name === 'string' && UNAVAILABLE_CLASSES.has(err.name) && e instanceof Error) return true;
  return code === '' && Object.getPrototypeOf(e) === Error.prototype && raisedByDriver(err);
}

/** Whether the error was created in a driver: its stack frames, not its message, are looked at. */
function raisedByDriver(err: ErrorLike): boolean {
  if (typeof err.stack !== 'string') return false;
  const message = String(err.message ?? '');
  const header = message ? `${String(err.name ?? 'Error')}: ${message}` : String(err.name ?? 'Error');
  const frames = err.stack.startsWith(header) ? err.stack.slice(header.length) : '';
  const first = frames.split('\n').find((line) => line.trim().startsWith('at '));
  return first !== undefined && DRIVER_FRAME.test(first);
}
