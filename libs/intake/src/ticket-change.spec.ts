import type { TicketEntity } from '@eea/tickets';
import type { IntakeCommand } from './intake-command';
import { ticketChange } from './ticket-change';

const NOW = new Date('2026-03-02T10:00:00Z');
const stored = (over: Partial<TicketEntity> = {}) =>
  ({
    organizationId: 'acme',
    region: 'eu-west-1',
    severity: 3,
    category: null,
    skills: ['voice', 'chat'],
    problemRef: null,
    language: null,
    status: 'queued',
    sourceUpdatedAt: new Date('2026-03-02T09:00:00Z'),
    requesterEmailHash: 'k1:aa',
    requesterPhoneHash: null,
    flags: [],
    ...over,
  }) as TicketEntity;
const command = (over: Partial<IntakeCommand> = {}): IntakeCommand => ({
  deliveryId: 'd',
  event: 'ticket.updated',
  externalId: 'X',
  organizationId: 'acme',
  region: 'eu-west-1',
  severity: 3,
  category: null,
  skills: ['chat', 'voice'],
  language: null,
  problemRef: null,
  updatedAt: new Date('2026-03-02T09:30:00Z'),
  ...over,
});
const none = { email: null, phone: null };

describe('ticketChange', () => {
  it('does not re-route when no routing fact changed (skills compared as a set) and keeps pseudonyms', () => {
    const c = ticketChange(stored(), command(), NOW, none);
    expect(c).toEqual({ patch: { sourceUpdatedAt: new Date('2026-03-02T09:30:00Z') }, reroute: false });
  });

  it.each([
    ['severity', { severity: 1 }],
    ['region', { region: 'us-east-1' }],
    ['category', { category: 'billing' }],
    ['skills', { skills: ['voice'] }],
    ['problemRef', { problemRef: 'P-1' }],
    ['organizationId', { organizationId: 'globex' }],
  ])('re-routes when %s changes', (_, over) => {
    expect(ticketChange(stored(), command(over as Partial<IntakeCommand>), NOW, none).reroute).toBe(true);
  });

  it('resolves on close, releasing any assignee, and never re-routes', () => {
    const c = ticketChange(
      stored({ status: 'assigned', assigneeId: 'a1' }),
      command({ event: 'ticket.closed', severity: 1 }),
      NOW,
      none,
    );
    expect(c.reroute).toBe(false);
    expect(c.patch).toMatchObject({ status: 'resolved', resolvedAt: NOW, assigneeId: null, assignedAt: null, severity: 1 });
  });

  it('reopens a resolved ticket that is updated again', () => {
    const c = ticketChange(stored({ status: 'resolved' }), command(), NOW, none);
    expect(c).toMatchObject({ reroute: true, patch: { status: 'received', resolvedAt: null, waitingSince: NOW } });
  });

  it('replaces pseudonyms only when the delivery carries requester data', () => {
    expect(ticketChange(stored(), command(), NOW, { email: 'k2:bb', phone: null }).patch.requesterEmailHash).toBe('k2:bb');
  });
});
