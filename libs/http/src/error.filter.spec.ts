import { ErrorFilter, isUnavailable, safeErrorFields } from './error.filter';

describe('ErrorFilter and what it logs', () => {
  const pgError = Object.assign(new Error('invalid input syntax for type uuid: "jane@example.com"'), {
    name: 'QueryFailedError',
    driverError: { code: '22P02', routine: 'string_to_uuid', detail: 'Key (email)=(jane@example.com)' },
  });

  it('logs database errors by code and routine, never their message, detail or input', () => {
    const fields = safeErrorFields(pgError);
    expect(fields).toMatchObject({ errName: 'QueryFailedError', pgCode: '22P02', routine: 'string_to_uuid' });
    expect(JSON.stringify(fields)).not.toContain('jane@example.com');
  });

  it('answers 500 in the common shape without message, stack or SQL', () => {
    const { status, body } = new ErrorFilter().render(pgError);
    expect(status).toBe(500);
    expect(body).toEqual({ error: { code: 'internal', message: expect.any(String), details: [] } });
    expect(JSON.stringify(body)).not.toMatch(/jane|uuid|QueryFailed/);
  });
});

describe('isUnavailable', () => {
  /** An error as the pg driver raises it: a plain Error created inside node_modules/pg. */
  const driverError = (message: string) => {
    const e = new Error(message);
    e.stack = `Error: ${message}\n    at Client._handleErrorEvent (/app/node_modules/pg/lib/client.js:204:21)\n    at x (/app/y.js:1:1)`;
    return e;
  };

  it('recognises a lost database or Redis by code, class or driver origin, also when TypeORM wraps it', () => {
    expect(isUnavailable(Object.assign(new Error('boom'), { code: '57P01' }))).toBe(true);
    expect(isUnavailable(Object.assign(new Error('x'), { code: '55000' }))).toBe(true);
    expect(isUnavailable(Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(
      isUnavailable(
        Object.assign(new Error('query failed'), {
          name: 'QueryFailedError',
          driverError: driverError('Connection terminated unexpectedly'),
        }),
      ),
    ).toBe(true);
    class MaxRetriesPerRequestError extends Error {
      override name = 'MaxRetriesPerRequestError';
    }
    expect(isUnavailable(new MaxRetriesPerRequestError('Reached the max retries per request limit'))).toBe(true);
  });

  it('does not turn real bugs or bad input into 503, whatever their message says', () => {
    expect(isUnavailable(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(isUnavailable(new TypeError('cannot read properties of undefined'))).toBe(false);
    expect(isUnavailable(undefined)).toBe(false);
    // Caller text in a message (a cursor, a name) once made these 503s.
    for (const message of [
      'connection error',
      'Connection terminated',
      'not queryable',
      "Stream isn't writeable",
      'connect ECONNREFUSED',
    ]) {
      expect(isUnavailable(new Error(message))).toBe(false);
      expect(
        isUnavailable(
          Object.assign(new Error(message), {
            name: 'QueryFailedError',
            driverError: Object.assign(new Error(message), { code: '22P02' }),
          }),
        ),
      ).toBe(false);
    }
    // A message forging a driver stack frame is still the message.
    const forged = new Error('x\n    at y (/app/node_modules/pg/lib/client.js:1:1)');
    expect(isUnavailable(forged)).toBe(false);
  });
});
