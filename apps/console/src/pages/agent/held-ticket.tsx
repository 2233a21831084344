import { useState } from 'react';
import { ApiFailure, api } from '../../lib/api-client';
import type { Ticket } from '../../lib/api-types';
import { TicketLink } from '../../components/layout';
import { TicketFacts } from '../../components/ticket-facts';
import { EscalateForm } from './escalate-form';
import { Pending, PendingEscalation } from './pending-escalation';

/** A ticket the agent holds: open it in its ticketing system, release, resolve or escalate it. */
export function HeldTicket({
  ticket,
  onSaid,
  pending,
  onPending,
}: {
  ticket: Ticket;
  onSaid: (text: string) => void;
  pending?: Pending;
  onPending: (pending: Pending) => void;
}) {
  const [escalating, setEscalating] = useState(false);
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
      {pending && <PendingEscalation pending={pending} />}
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
          onDone={(text, asked) => {
            setEscalating(false);
            if (asked) onPending(asked);
            onSaid(text);
          }}
        />
      )}
    </article>
  );
}
