import { loggedUrl } from './logging.module';

describe('logged request urls', () => {
  it('drop the query and approval tokens, which are credentials', () => {
    expect(loggedUrl('/v1/tickets/abc?cursor=x')).toBe('/v1/tickets/abc');
    expect(loggedUrl('/v1/approvals/Xy_z-123/revoke?x=1')).toBe('/v1/approvals/[token]/revoke');
    expect(loggedUrl('/approve/Xy_z-123')).toBe('/approve/[token]');
    expect(loggedUrl(undefined)).toBeUndefined();
  });
});
