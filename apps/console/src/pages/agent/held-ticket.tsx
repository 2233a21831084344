import { useState } from 'react';
import { ApiFailure, api } from '../../lib/api-client';
import type { Ticket } from '../../lib/api-types';
import { TicketLink } from '../../components/layout';
import { TicketFacts } from '../../components/ticket-facts';
import { EscalateForm } from './escalate-form';

/** A ticket the agent holds: open it in its ticketing system, release, resolve or escalate it. */
export function HeldTicket({
  ticket,
  onSaid,
  pendingCountry,
  onPending,
}: {
  ticket: Ticket;
  onSaid: (text: string) => void;
  pendingCountry?: string;
  onPending: (country: string) => void;
}) {
  const [escalating, setEscalating] = useState(false);
  const pending = pendingCountry ?? null;
  async function act(action: 'release' | 'resolve') {
    try {
      await api('POST', `/v1/tickets/${ticket.id}/${action}`);
      onSaid(
        action === 'release' ? `Ticket ${ticket.externalId} is back in the queue.` : `Ticket ${ticket.externalId} is resolved.`,
      );
    } catch (e) {
      onSaid(e instanceof ApiFailure ? e.sentence : 'The server could not be reached.');
    }
  }
  return (
    <article className="ticket" aria-label={`Ticket ${ticket.externalId}`}>
      <h3>
        <TicketLink id={ticket.id}>{ticket.externalId}</TicketLink>
      </h3>
      <TicketFacts ticket={ticket} />
      {ticket.url && (
        <p>
          <a href={ticket.url} target="_blank" rel="noreferrer noopener">
            Open in the ticketing system
          </a>
        </p>
      )}
      {pending && (
        <p className="pending" role="status">
          Escalation to {pending} pending: waiting for the customer's consent. The ticket stays with you until a manager records
          it.
        </p>
      )}
      <div className="actions">
        <button type="button" onClick={() => act('release')}>
          Release
        </button>
        <button type="button" onClick={() => act('resolve')}>
          Resolve
        </button>
        <button type="button" className="secondary" aria-expanded={escalating} onClick={() => setEscalating(!escalating)}>
          Escalate
        </button>
      </div>
      {escalating && (
        <EscalateForm
          ticket={ticket}
          onDone={(text, pendingCountry) => {
            setEscalating(false);
            if (pendingCountry) onPending(pendingCountry);
            onSaid(text);
          }}
        />
      )}
    </article>
  );
}
