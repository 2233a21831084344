import { useState } from 'react';
import { api } from '../../lib/api-client';
import type { ConsentRequest } from '../../lib/api-types';
import { formatAt } from '../../lib/time';
import { usePoll } from '../../lib/use-poll';
import { Loading, Section, TicketLink } from '../../components/layout';
import { GrantConsentForm } from './grant-consent-form';
import { ApprovalLinkButton } from './approval-link-button';

/** Escalations waiting for the customer's consent: record it (Grant consent) or send the customer a link. */
export function ConsentRequests() {
  const requests = usePoll(() => api<{ items: ConsentRequest[] }>('GET', '/v1/consent-requests?status=pending'), []);
  const [open, setOpen] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <Section title="Consent requests" id="consent-requests">
      <p role="status" className="notice">
        {notice}
      </p>
      {!requests.data ? (
        <Loading error={requests.error} />
      ) : requests.data.items.length === 0 ? (
        <p className="muted">No request is waiting.</p>
      ) : (
        <ul className="plain">
          {requests.data.items.map((r) => (
            <li key={r.id} className="ticket" aria-label={`Consent request for ticket ${r.externalId ?? r.ticketId}`}>
              <p>
                Agent {r.requestedBy ?? r.requestedByAgentId} asks to let agents in <strong>{r.country}</strong> work ticket{' '}
                <TicketLink id={r.ticketId}>{r.externalId ?? r.ticketId.slice(0, 8)}</TicketLink>
                {r.organizationId && <> of {r.organizationId}</>}: “{r.reason}”. Waits until {formatAt(r.expiresAt)}.
              </p>
              <div className="actions">
                {open !== r.id && (
                  <button type="button" onClick={() => setOpen(r.id)}>
                    Grant consent
                  </button>
                )}
                <ApprovalLinkButton requestId={r.id} onSaid={setNotice} />
              </div>
              {open === r.id && (
                <GrantConsentForm
                  request={r}
                  onCancel={() => setOpen(null)}
                  onDone={(text) => {
                    setOpen(null);
                    setNotice(text);
                    void requests.reload();
                  }}
                />
              )}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
