import { useState } from 'react';
import { ApiFailure, api } from '../../lib/api-client';
import { formatAt } from '../../lib/time';

/** Asks the API for a customer approval link (SPEC 9); the ticketing system sends it to the customer. */
export function ApprovalLinkButton({ requestId, onSaid }: { requestId: string; onSaid: (text: string) => void }) {
  const [link, setLink] = useState<{ url: string; expiresAt: string } | null>(null);
  async function send() {
    try {
      const created = await api<{ url: string; expiresAt: string }>(
        'POST',
        `/v1/consent-requests/${requestId}/approval-links`,
        {},
      );
      setLink(created);
      onSaid(`Approval link created; it works until ${formatAt(created.expiresAt)}.`);
    } catch (e) {
      onSaid(e instanceof ApiFailure ? e.sentence : 'The server could not be reached.');
    }
  }
  return (
    <>
      <button type="button" className="secondary" onClick={send}>
        Send approval link
      </button>
      {link && (
        <p className="mono">
          Link sent to the customer through the ticketing system: <a href={link.url}>{link.url}</a>
        </p>
      )}
    </>
  );
}
