import { ChangeEvent, useState } from 'react';
import { ApiFailure, api, enc } from '../../lib/api-client';

const LABELS: Record<string, string> = { available: 'Available', away: 'Away', offline: 'Offline' };

export function StatusControl({
  agentId,
  initial,
  onSaid,
  onChanged,
}: {
  agentId: string;
  initial: string;
  onSaid: (text: string) => void;
  onChanged: () => Promise<void>;
}) {
  const [status, setStatus] = useState(initial);
  async function change(event: ChangeEvent<HTMLSelectElement>) {
    const next = event.target.value;
    try {
      await api('POST', `/v1/agents/${enc(agentId)}/status`, { status: next });
      setStatus(next);
      onSaid(`You are now ${LABELS[next]}.`);
      void onChanged();
    } catch (e) {
      onSaid(e instanceof ApiFailure ? e.sentence : 'The server could not be reached.');
    }
  }
  return (
    <span className="inline-field">
      <label htmlFor="status">Status</label>
      <select id="status" value={status} onChange={change}>
        {Object.entries(LABELS).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </span>
  );
}
