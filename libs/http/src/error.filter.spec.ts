import { ErrorFilter, safeErrorFields } from './error.filter';

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
