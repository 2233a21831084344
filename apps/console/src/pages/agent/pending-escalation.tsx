import { api } from '../../lib/api-client';
import type { ConsentRequest } from '../../lib/api-types';
import { usePoll } from '../../lib/use-poll';

/** An escalation that waits for the customer's consent, as the agent asked for it. */
export interface Pending {
  country: string;
  /** The consent request the API raised (absent when the answer did not name one). */
  requestId?: string;
}

/**
 * What became of the agent's escalation: re-read from `GET /v1/consent-requests/:id` while the page is
 * open, so that a customer's refusal or an unanswered request reaches the agent who asked.
 */
export function PendingEscalation({ pending }: { pending: Pending }) {
  const request = usePoll(
    () => (pending.requestId ? api<ConsentRequest>('GET', `/v1/consent-requests/${pending.requestId}`) : Promise.resolve(null)),
    [pending.requestId],
  );
  const status = request.data?.status ?? 'pending';
  return (
    <p className={status === 'pending' || status === 'granted' ? 'pending' : 'error'} role="status">
      {sentence(status, pending.country)}
    </p>
  );
}

function sentence(status: string, country: string): string {
  switch (status) {
    case 'denied':
      return `The customer declined the escalation to ${country}. The ticket stays with you; agents in ${country} may not work it.`;
    case 'expired':
      return `The request for the customer's consent to ${country} expired without an answer. The ticket stays with you; escalate again to ask anew.`;
    case 'granted':
      return `The customer consented to ${country}: the ticket moves to agents there.`;
    default:
      return `Escalation to ${country} pending: waiting for the customer's consent. The ticket stays with you until a manager records it.`;
  }
}
