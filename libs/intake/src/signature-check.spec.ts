import { genericHeaders, jiraHeaders, zendeskHeaders } from '@eea/testing';
import { checkSignature } from './signature-check';

const body = '{"ticket":{"id":"1"}}';
const raw = Buffer.from(body);
const NOW = Date.parse('2026-03-02T10:00:00Z');

describe('checkSignature', () => {
  it('names why a delivery is refused', () => {
    expect(checkSignature('jira', jiraHeaders('s', body, 'd'), raw, [], [NOW])).toEqual({
      ok: false,
      reason: 'no_secret_configured',
    });
    expect(checkSignature('jira', {}, raw, ['s'], [NOW])).toEqual({ ok: false, reason: 'missing_signature' });
    expect(checkSignature('jira', jiraHeaders('other', body, 'd'), raw, ['s'], [NOW])).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    const stale = zendeskHeaders('s', body, 'i', new Date(NOW - 301_000));
    expect(checkSignature('zendesk', stale, raw, ['s'], [NOW])).toEqual({ ok: false, reason: 'stale_timestamp' });
    expect(checkSignature('generic', genericHeaders('s', body, NOW / 1000 + 301), raw, ['s'], [NOW])).toEqual({
      ok: false,
      reason: 'stale_timestamp',
    });
  });

  it('keys a replay by what was signed, not by the delivery id', () => {
    const at = new Date(NOW);
    const a = checkSignature('zendesk', zendeskHeaders('s', body, 'inv-1', at), raw, ['s'], [NOW]);
    const b = checkSignature('zendesk', zendeskHeaders('s', body, 'inv-2', at), raw, ['s'], [NOW]);
    const later = checkSignature('zendesk', zendeskHeaders('s', body, 'inv-3', new Date(NOW + 1000)), raw, ['s'], [NOW]);
    expect(a).toMatchObject({ ok: true, sentAt: at });
    expect(a).toEqual(b);
    expect(later.ok && a.ok && later.replayKey !== a.replayKey).toBe(true);
    const j1 = checkSignature('jira', jiraHeaders('s', body, 'd-1'), raw, ['s'], [NOW]);
    const j2 = checkSignature('jira', jiraHeaders('s', body, 'd-2'), raw, ['s'], [NOW]);
    expect(j1).toEqual(j2);
    expect(j1).toMatchObject({ ok: true, sentAt: null, replayKey: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });
});
