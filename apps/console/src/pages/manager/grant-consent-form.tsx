import { FormEvent, useState } from 'react';
import { ApiFailure, api } from '../../lib/api-client';
import type { ConsentRequest } from '../../lib/api-types';
import { fromLocalInput, toLocalInput } from '../../lib/time';

/** Records who at the customer agreed, the evidence and the time box; routing follows before the answer. */
export function GrantConsentForm({
  request,
  onDone,
  onCancel,
}: {
  request: ConsentRequest;
  onDone: (text: string) => void;
  onCancel: () => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const id = `grant-${request.id}`;
  const week = toLocalInput(new Date(Date.now() + 7 * 86_400_000));
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const role = String(data.get('role') ?? '').trim();
    try {
      await api('POST', '/v1/consents', {
        consentRequestId: request.id,
        ticketId: request.ticketId,
        countries: [request.country],
        evidence: String(data.get('evidence')),
        approvedBy: { name: String(data.get('approvedBy')), ...(role ? { role } : {}) },
        expiresAt: fromLocalInput(String(data.get('expires') ?? '')),
      });
      onDone(`Consent recorded: agents in ${request.country} may now work the ticket.`);
    } catch (e) {
      setError(e instanceof ApiFailure ? e.sentence : 'The server could not be reached.');
    }
  }
  return (
    <form className="stack-form" onSubmit={submit} aria-label="Grant consent">
      <label htmlFor={`${id}-by`}>Approved by</label>
      <input id={`${id}-by`} name="approvedBy" required maxLength={200} autoComplete="off" autoFocus />
      <label htmlFor={`${id}-role`}>Role</label>
      <input id={`${id}-role`} name="role" maxLength={200} autoComplete="off" />
      <label htmlFor={`${id}-evidence`}>Evidence</label>
      <textarea id={`${id}-evidence`} name="evidence" required maxLength={2000} rows={2} />
      <label htmlFor={`${id}-expires`}>Expires</label>
      <input id={`${id}-expires`} name="expires" type="datetime-local" defaultValue={week} required />
      <div className="actions">
        <button type="submit">Grant consent</button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </form>
  );
}
