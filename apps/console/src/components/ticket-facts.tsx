import type { Ticket } from '../lib/api-types';
import { describeCountries } from '../lib/explain';
import { formatAt } from '../lib/time';

const SEVERITY = ['', '1 critical', '2 high', '3 normal', '4 low'];

/** The routing facts of a ticket. There is no personal data to show: the requester is pseudonymised. */
export function TicketFacts({ ticket }: { ticket: Ticket }) {
  return (
    <dl className="facts">
      <dt>Organisation</dt>
      <dd>{ticket.organizationId}</dd>
      <dt>Severity</dt>
      <dd>{SEVERITY[ticket.severity] ?? ticket.severity}</dd>
      <dt>Region</dt>
      <dd>
        {ticket.region ?? 'unknown'} ({ticket.jurisdiction === 'NON_EEA' ? 'outside the EEA' : ticket.jurisdiction})
      </dd>
      <dt>Allowed countries</dt>
      <dd>{describeCountries(ticket.allowedCountries)}</dd>
      {ticket.skills.length > 0 && (
        <>
          <dt>Skills</dt>
          <dd>{ticket.skills.join(', ')}</dd>
        </>
      )}
      <dt>Requester</dt>
      <dd>requester pseudonymised</dd>
      <dt>Received</dt>
      <dd>{formatAt(ticket.createdAt)}</dd>
    </dl>
  );
}

export function ticketTitle(t: Ticket): string {
  return `Ticket ${t.externalId}`;
}
