import { api } from '../../lib/api-client';
import type { Agent } from '../../lib/api-types';
import { usePoll } from '../../lib/use-poll';
import { Loading, Section } from '../../components/layout';

const PRESENCE: Record<string, string> = { available: 'Available', away: 'Away', offline: 'Offline' };

/** Who is on the floor, from where, and how loaded. */
export function AgentsBoard({ title = 'Agents' }: { title?: string }) {
  const agents = usePoll(() => api<{ items: Agent[] }>('GET', '/v1/agents'), []);
  return (
    <Section title={title} id="agents">
      {!agents.data ? (
        <Loading error={agents.error} />
      ) : agents.data.items.length === 0 ? (
        <p className="muted">No agent yet.</p>
      ) : (
        <AgentTable agents={agents.data.items} />
      )}
    </Section>
  );
}

export function AgentTable({ agents }: { agents: Agent[] }) {
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">Agent</th>
          <th scope="col">Country</th>
          <th scope="col">Presence</th>
          <th scope="col">Load</th>
          <th scope="col">Skills</th>
        </tr>
      </thead>
      <tbody>
        {agents.map((a) => (
          <tr key={a.id}>
            <th scope="row">
              {a.name} <span className="muted">({a.id})</span>
            </th>
            <td>{a.country ?? 'none (cannot work EEA tickets)'}</td>
            <td>{PRESENCE[a.status] ?? a.status}</td>
            <td>
              {a.activeTickets ?? '?'} of {a.capacity}
            </td>
            <td>{a.skills.join(', ') || '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
