import { ErrorFilter, isUnavailable, safeErrorFields } from './error.filter';

describe('ErrorFilter and what it logs', () => {
  const pgError = Object.assign(new Error('invalid input syntax for type uuid: "jane@example.com"'), {
    name: 'QueryFailedError', driverError: { code: '22P02', routine: 'string_to_uuid', detail: 'Key (email)=(jane@example.com)' },
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
  it('recognises a lost database or Redis, also when TypeORM wraps the driver error', () => {
    expect(isUnavailable(Object.assign(new Error('boom'), { code: '57P01' }))).toBe(true);
    expect(isUnavailable(Object.assign(new Error('query failed'), { driverError: new Error('Connection terminated unexpectedly') }))).toBe(true);
    expect(isUnavailable(new Error('Client has encountered a connection error and is not queryable'))).toBe(true);
    expect(isUnavailable(Object.assign(new Error('x'), { code: '55000' }))).toBe(true);
    expect(isUnavailable(Object.assign(new Error('Stream isn\'t writeable and enableOfflineQueue options is false'), {}))).toBe(true);
  });

  it('does not turn real bugs or bad input into 503', () => {
    expect(isUnavailable(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(isUnavailable(new TypeError('cannot read properties of undefined'))).toBe(false);
    expect(isUnavailable(undefined)).toBe(false);
  });
});
