import { FormEvent, useState } from 'react';
import { ApiFailure, api } from '../../lib/api-client';
import type { Ticket } from '../../lib/api-types';
import type { Pending } from './pending-escalation';

/**
 * Escalation: allowed now → the ticket goes to agents of that country. Otherwise the API answers
 * consent_required and a request waits for a manager (or the customer's approval link).
 */
export function EscalateForm({ ticket, onDone }: { ticket: Ticket; onDone: (text: string, pending?: Pending) => void }) {
  const [error, setError] = useState<string | null>(null);
  const id = `esc-${ticket.id}`;
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const country = String(data.get('country')).trim().toUpperCase();
    try {
      await api('POST', `/v1/tickets/${ticket.id}/escalations`, { country, reason: String(data.get('reason')) });
      onDone(`Ticket ${ticket.externalId} was escalated: it now waits for agents in ${country}.`);
    } catch (e) {
      if (e instanceof ApiFailure && e.code === 'consent_required') {
        onDone(
          `Agents in ${country} may work ticket ${ticket.externalId} only with the customer's consent. A request went to the support managers.`,
          { country, requestId: requestIdOf(e) },
        );
      } else setError(e instanceof ApiFailure ? e.sentence : 'The server could not be reached.');
    }
  }
  return (
    <form className="inline-form" onSubmit={submit} aria-label={`Escalate ticket ${ticket.externalId}`}>
      <label htmlFor={`${id}-country`}>Country</label>
      <input
        id={`${id}-country`}
        name="country"
        required
        pattern="[A-Za-z]{2}"
        maxLength={2}
        defaultValue="US"
        title="Two-letter country code"
      />
      <label htmlFor={`${id}-reason`}>Reason</label>
      <input id={`${id}-reason`} name="reason" required maxLength={500} />
      <button type="submit">Request escalation</button>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </form>
  );
}

/** The consent request a `consent_required` answer names in its details. */
function requestIdOf(e: ApiFailure): string | undefined {
  const id = e.details.find((d) => typeof d.consentRequestId === 'string')?.consentRequestId;
  return typeof id === 'string' ? id : undefined;
}
