import { FormEvent, useState } from 'react';
import { ApiFailure, api, enc } from '../lib/api-client';
import { formatAt } from '../lib/time';
import { usePoll } from '../lib/use-poll';

interface Approval {
  request: {
    id: string;
    ticketExternalId: string;
    organizationId: string;
    severity: number;
    country: string;
    reason: string;
    scope: string;
    expiresAt: string;
  };
  status: 'pending' | 'approved' | 'denied' | 'revoked' | 'expired';
  consent?: { id: string; expiresAt: string; revokedAt: string | null };
}

const STATUS: Record<string, string> = {
  approved: 'You approved this access.',
  denied: 'You refused this access.',
  revoked: 'You withdrew this access.',
  expired: 'This request has expired.',
};

/** The customer's page (SPEC 9): the link itself authorises; no sign-in, no personal data shown. */
export function ApprovePage({ token }: { token: string }) {
  const path = `/v1/approvals/${enc(token)}`;
  const approval = usePoll(() => api<Approval>('GET', path), [token], 10_000);
  const [message, setMessage] = useState<string | null>(null);
  async function decide(decision: 'approve' | 'deny', form: HTMLFormElement) {
    // A refusal needs no name; an approval is evidence and must say who gave it.
    if (decision === 'approve' && !form.reportValidity()) return;
    const data = new FormData(form);
    const role = String(data.get('role') ?? '').trim();
    const name = String(data.get('name') ?? '').trim() || 'not given';
    try {
      await api('POST', path, { decision, approver: { name, ...(role ? { role } : {}) } });
      setMessage(decision === 'approve' ? 'Thank you: access is granted now.' : 'Thank you: access is refused.');
    } catch (e) {
      setMessage(
        e instanceof ApiFailure && e.code === 'conflict'
          ? 'A decision was already recorded for this link.'
          : e instanceof ApiFailure
            ? e.sentence
            : 'The server could not be reached.',
      );
    }
    void approval.reload();
  }
  async function withdraw() {
    try {
      await api('POST', `${path}/revoke`);
      setMessage('Access withdrawn: it ended at once.');
    } catch (e) {
      setMessage(e instanceof ApiFailure ? e.sentence : 'The server could not be reached.');
    }
    void approval.reload();
  }
  const a = approval.data;
  return (
    <main className="centered">
      <div className="card approve">
        <h1>Access request</h1>
        {!a ? (
          <p role={approval.error ? 'alert' : 'status'}>{approval.error ? 'This link is unknown or has expired.' : 'Loading…'}</p>
        ) : (
          <>
            <p>
              Our support team asks to let a support expert located in <strong>{a.request.country}</strong> work on your ticket{' '}
              <strong>{a.request.ticketExternalId}</strong> ({a.request.organizationId}, severity {a.request.severity}).
            </p>
            <p>Reason given: “{a.request.reason}”.</p>
            <p>
              Without your approval, only staff in the countries your support plan allows can see this ticket. You can withdraw an
              approval at any time.
            </p>
            <p className="muted">This request is open until {formatAt(a.request.expiresAt)}.</p>
            {a.status === 'pending' ? (
              <form className="stack-form" onSubmit={(e: FormEvent) => e.preventDefault()} aria-label="Your decision">
                <label htmlFor="approver-name">Your name</label>
                <input id="approver-name" name="name" required maxLength={200} autoComplete="name" />
                <label htmlFor="approver-role">Your role</label>
                <input id="approver-role" name="role" maxLength={200} autoComplete="organization-title" />
                <div className="actions">
                  <button type="button" onClick={(e) => decide('approve', e.currentTarget.form!)}>
                    Approve
                  </button>
                  <button type="button" className="secondary" onClick={(e) => decide('deny', e.currentTarget.form!)}>
                    Deny
                  </button>
                </div>
              </form>
            ) : (
              <p role="status">
                <strong>{STATUS[a.status]}</strong>
              </p>
            )}
            {a.status === 'approved' && a.consent && !a.consent.revokedAt && (
              <p>
                Access lasts until {formatAt(a.consent.expiresAt)}.{' '}
                <button type="button" className="danger" onClick={withdraw}>
                  Withdraw approval
                </button>
              </p>
            )}
          </>
        )}
        <p role="status" aria-live="polite">
          {message}
        </p>
      </div>
    </main>
  );
}
