import { useState } from 'react';
import { ApiFailure, api } from '../../lib/api-client';
import { formatAt } from '../../lib/time';
import { usePoll } from '../../lib/use-poll';
import { Loading, Section } from '../../components/layout';
import { Field, SaveForm } from '../../components/save-form';

interface TokenRow {
  id: string;
  name: string;
  role: string;
  agentId: string | null;
  createdAt: string;
  revokedAt: string | null;
}

/** Tokens: a new one is shown once (it is stored hashed), revocation ends its console sessions too. */
export function Tokens() {
  const tokens = usePoll(() => api<{ items: TokenRow[] }>('GET', '/v1/tokens'), [], 15_000);
  const [created, setCreated] = useState<{ token: string; name: string } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  async function create(data: FormData) {
    const role = String(data.get('role'));
    const agentId = String(data.get('agentId') ?? '').trim();
    const name = String(data.get('name'));
    const result = await api<{ token: string }>('POST', '/v1/tokens', { role, name, ...(agentId ? { agentId } : {}) });
    setCreated({ token: result.token, name });
    void tokens.reload();
    return `Token "${name}" created. Copy it now: it is not shown again.`;
  }
  async function revoke(t: TokenRow) {
    try {
      await api('DELETE', `/v1/tokens/${t.id}`);
      setNotice(`Token "${t.name}" revoked; its sessions end at their next request.`);
      void tokens.reload();
    } catch (e) {
      setNotice(e instanceof ApiFailure ? e.sentence : 'The server could not be reached.');
    }
  }
  return (
    <Section title="Tokens" id="tokens">
      <h3>New token</h3>
      <SaveForm label="Create token" button="Create token" submit={create}>
        <Field id="token-name" label="Token name">
          <input id="token-name" name="name" required maxLength={200} />
        </Field>
        <Field id="token-role" label="Role">
          <select id="token-role" name="role">
            {['agent', 'manager', 'auditor', 'admin'].map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </Field>
        <Field id="token-agent" label="Agent id (agent tokens)">
          <input id="token-agent" name="agentId" maxLength={200} />
        </Field>
      </SaveForm>
      {created && <NewToken token={created.token} />}
      <p role="status" className="notice">
        {notice}
      </p>
      {!tokens.data ? (
        <Loading error={tokens.error} />
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Created</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {tokens.data.items.map((t) => (
              <tr key={t.id}>
                <td>{t.name}</td>
                <td>
                  {t.role}
                  {t.agentId ? ` (${t.agentId})` : ''}
                </td>
                <td>{formatAt(t.createdAt)}</td>
                <td>
                  {t.revokedAt ? (
                    `revoked ${formatAt(t.revokedAt)}`
                  ) : (
                    <button type="button" className="danger" aria-label={`Revoke token ${t.name}`} onClick={() => revoke(t)}>
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}

function NewToken({ token }: { token: string }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    await navigator.clipboard?.writeText(token).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  }
  return (
    <div className="new-token">
      <label htmlFor="new-token">New token (shown once)</label>
      <input id="new-token" readOnly value={token} className="mono" onFocus={(e) => e.currentTarget.select()} />
      <button type="button" onClick={copy}>
        Copy token
      </button>
      <span role="status">{copied ? 'Copied.' : ''}</span>
    </div>
  );
}
