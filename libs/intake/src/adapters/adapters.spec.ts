import { ApiError } from '@eea/http';
import { adaptGeneric } from './generic.adapter';
import { adaptJira } from './jira.adapter';
import { adaptZendesk } from './zendesk.adapter';

const NOW = new Date('2026-03-02T10:00:00Z');

function details(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ApiError);
    return ((e as ApiError).details).map((d) => d.field!).sort();
  }
  throw new Error('expected a validation error');
}

describe('generic adapter', () => {
  const body = (ticket: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
    deliveryId: 'd-1', event: 'ticket.created',
    ticket: { externalId: 'T-1', organizationId: 'acme', region: ' EU-West-1 ', severity: 2, updatedAt: '2026-03-02T09:00:00Z', ...ticket },
    ...extra,
  });

  it('maps to the intake command, normalising the region and dropping subject and names', () => {
    const c = adaptGeneric(body({ subject: 'Help', skills: ['voice', ' voice ', 'chat'], requester: { name: 'N', email: 'e@x.example', phone: '+1 5' } }));
    expect(c).toEqual({
      deliveryId: 'd-1', event: 'ticket.created', externalId: 'T-1', organizationId: 'acme', region: 'eu-west-1', severity: 2,
      category: null, skills: ['voice', 'chat'], language: null, problemRef: null, updatedAt: new Date('2026-03-02T09:00:00Z'),
      requesterEmail: 'e@x.example', requesterPhone: '+1 5',
    });
    expect(JSON.stringify(c)).not.toContain('Help');
  });

  it('names every bad or unknown field', () => {
    expect(details(() => adaptGeneric(body({ severity: 5, colour: 1, requester: { age: 3 } }, { event: 'ticket.moved', x: 1 })))).toEqual(
      ['<unknown key>', 'event', 'ticket.<unknown key>', 'ticket.requester.<unknown key>', 'ticket.severity'],
    );
    expect(details(() => adaptGeneric(body({ severity: '1', updatedAt: 'soon', organizationId: '' })))).toEqual(
      ['ticket.organizationId', 'ticket.severity', 'ticket.updatedAt'],
    );
    expect(details(() => adaptGeneric({ deliveryId: 'd', event: 'ticket.created', ticket: 'x' }))).toContain('ticket');
  });
});

describe('zendesk adapter', () => {
  const body = (ticket: Record<string, unknown>) => ({ ticket: { id: 42, organization: 'acme', region: 'eu-west-1', ...ticket }, ignored: { a: 1 } });

  it.each([['urgent', 1], ['High', 2], ['NORMAL', 3], ['low', 4], ['', 3], ['-', 3], [undefined, 3]])('maps priority %p to severity %p', (priority, severity) => {
    expect(adaptZendesk(body({ priority }), 'inv-1', NOW).severity).toBe(severity);
  });

  it('maps ids, timestamps, tags and solved status; defaults updatedAt to now', () => {
    const c = adaptZendesk(body({ priority: 'high', skills: 'voice chat', updated_at: '2026-03-02T09:00:00Z', status: 'Solved', problem_ref: 'P-1' }), 'inv-1', NOW);
    expect(c).toMatchObject({ deliveryId: 'inv-1', externalId: '42', event: 'ticket.closed', skills: ['voice', 'chat'], problemRef: 'P-1' });
    expect(c.updatedAt).toEqual(new Date('2026-03-02T09:00:00Z'));
    expect(adaptZendesk(body({}), 'inv-2', NOW)).toMatchObject({ event: 'ticket.updated', updatedAt: NOW });
  });

  it('rejects unknown priorities, unsafe ids and a missing invocation id', () => {
    expect(details(() => adaptZendesk(body({ priority: 'whenever', id: 1e400 }), undefined, NOW))).toEqual(
      ['ticket.id', 'ticket.priority', 'x-zendesk-webhook-invocation-id'],
    );
    expect(details(() => adaptZendesk({ ticket: [] }, 'i', NOW))).toEqual(['ticket', 'ticket.id']);
  });
});

describe('jira adapter', () => {
  const issue = (fields: Record<string, unknown>, webhookEvent = 'jira:issue_created') => ({
    webhookEvent, issue: { key: 'SUP-1', fields: { labels: ['region:EU-WEST-1', 'org:acme', 'skill:voice', 'category:billing'], ...fields } },
  });

  it.each([['Highest', 1], ['High', 2], ['Medium', 3], ['Low', 4], ['Lowest', 4]])('maps priority %p to severity %p', (name, severity) => {
    expect(adaptJira(issue({ priority: { name } }), 'd', {}, NOW).severity).toBe(severity);
  });

  it('reads region and organisation from labels, Jira offsets and reporter email', () => {
    const c = adaptJira(issue({ updated: '2026-03-02T11:00:00.000+0100', reporter: { emailAddress: 'r@x.example', displayName: 'R' } }), 'd', {}, NOW);
    expect(c).toMatchObject({
      event: 'ticket.created', externalId: 'SUP-1', region: 'eu-west-1', organizationId: 'acme', skills: ['voice'], category: 'billing',
      requesterEmail: 'r@x.example',
    });
    expect(c.updatedAt).toEqual(new Date('2026-03-02T10:00:00Z'));
  });

  it('prefers configured custom fields over labels', () => {
    const settings = { regionField: 'customfield_1', organizationField: 'customfield_2' };
    const c = adaptJira(issue({ customfield_1: { value: 'us-east-1' }, customfield_2: [{ id: 7, name: 'globex' }] }), 'd', settings, NOW);
    expect(c).toMatchObject({ region: 'us-east-1', organizationId: 'globex' });
  });

  it('closes on deletion or resolution', () => {
    expect(adaptJira(issue({}, 'jira:issue_deleted'), 'd', {}, NOW).event).toBe('ticket.closed');
    expect(adaptJira(issue({ resolution: { name: 'Done' } }, 'jira:issue_updated'), 'd', {}, NOW).event).toBe('ticket.closed');
    expect(adaptJira(issue({ resolution: null }, 'jira:issue_updated'), 'd', {}, NOW).event).toBe('ticket.updated');
  });

  it('rejects a missing key or delivery id and bad priorities', () => {
    expect(details(() => adaptJira({ issue: { fields: { priority: { name: 'Blocker' } } } }, undefined, {}, NOW))).toEqual(
      ['issue.fields.priority.name', 'issue.key', 'x-atlassian-webhook-identifier'],
    );
  });
});
