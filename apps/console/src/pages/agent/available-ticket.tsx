import { ApiFailure, api } from '../../lib/api-client';
import type { Ticket } from '../../lib/api-types';
import { TicketLink } from '../../components/layout';
import { TicketFacts } from '../../components/ticket-facts';

/** A ticket the agent may claim now; losing the race to a colleague reads as a sentence. */
export function AvailableTicket({ ticket, onSaid }: { ticket: Ticket; onSaid: (text: string) => void }) {
  async function claim() {
    try {
      await api('POST', `/v1/tickets/${ticket.id}/claim`);
      onSaid(`You now hold ticket ${ticket.externalId}.`);
    } catch (e) {
      if (e instanceof ApiFailure && e.code === 'conflict')
        onSaid(`Ticket ${ticket.externalId} was just taken by another agent, or you are at capacity.`);
      else if (e instanceof ApiFailure && e.status === 404) onSaid(`You may no longer work ticket ${ticket.externalId}.`);
      else onSaid(e instanceof ApiFailure ? e.sentence : 'The server could not be reached.');
    }
  }
  return (
    <article className="ticket" aria-label={`Ticket ${ticket.externalId}`}>
      <h3>
        <TicketLink id={ticket.id}>{ticket.externalId}</TicketLink>
      </h3>
      <TicketFacts ticket={ticket} />
      <div className="actions">
        <button type="button" onClick={claim} aria-label={`Claim ticket ${ticket.externalId}`}>
          Claim
        </button>
      </div>
    </article>
  );
}
