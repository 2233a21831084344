import { useState } from 'react';
import { ApiFailure, api } from '../../lib/api-client';
import type { Consent } from '../../lib/api-types';
import { formatAt } from '../../lib/time';
import { usePoll } from '../../lib/use-poll';
import { Loading, Section, TicketLink } from '../../components/layout';

/** Consents in force; Revoke takes effect before the answer (agents let in only by it lose the ticket). */
export function ActiveConsents() {
  const consents = usePoll(() => api<{ items: Consent[] }>('GET', '/v1/consents?active=true'), []);
  const [notice, setNotice] = useState<string | null>(null);
  async function revoke(c: Consent) {
    try {
      await api('DELETE', `/v1/consents/${c.id}`);
      setNotice(`Consent revoked: agents in ${c.countries.join(', ')} lost access at once.`);
      void consents.reload();
    } catch (e) {
      setNotice(e instanceof ApiFailure ? e.sentence : 'The server could not be reached.');
    }
  }
  return (
    <Section title="Active consents" id="active-consents">
      <p role="status" className="notice">
        {notice}
      </p>
      {!consents.data ? (
        <Loading error={consents.error} />
      ) : consents.data.items.length === 0 ? (
        <p className="muted">No consent is active.</p>
      ) : (
        <ul className="plain">
          {consents.data.items.map((c) => (
            <li key={c.id} className="ticket">
              <p>
                <strong>{c.countries.join(', ')}</strong> for{' '}
                {c.ticketId ? (
                  <>
                    ticket <TicketLink id={c.ticketId}>{c.ticketId.slice(0, 8)}</TicketLink>
                  </>
                ) : (
                  <>
                    problem {c.problemRef} of {c.organizationId}
                  </>
                )}
                {c.approvedBy && (
                  <>
                    , approved by {c.approvedBy.name}
                    {c.approvedBy.role ? ` (${c.approvedBy.role})` : ''}
                  </>
                )}
                ; until {formatAt(c.expiresAt)}.
              </p>
              <button type="button" className="danger" onClick={() => revoke(c)}>
                Revoke
              </button>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
