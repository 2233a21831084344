import { api } from '../../lib/api-client';
import type { Agent, Ticket } from '../../lib/api-types';
import { describeCountries } from '../../lib/explain';
import { formatDuration, useNow } from '../../lib/time';
import { usePoll } from '../../lib/use-poll';
import { Loading, Section } from '../../components/layout';

interface Pool {
  key: string;
  countries: string[] | '*';
  waiting: number;
  oldest: number;
  eligible: number;
}

/** Queued tickets grouped by who may work them, with how many such agents could take one right now. */
export function QueuesBoard() {
  const now = useNow(5000);
  const data = usePoll(async () => {
    const [tickets, agents] = await Promise.all([
      api<{ items: Ticket[] }>('GET', '/v1/tickets?status=queued&limit=500'),
      api<{ items: Agent[] }>('GET', '/v1/agents?status=available'),
    ]);
    return { tickets: tickets.items, agents: agents.items };
  }, []);
  const pools = data.data ? poolsOf(data.data.tickets, data.data.agents) : [];
  return (
    <Section title="Queues" id="queues">
      {!data.data ? (
        <Loading error={data.error} />
      ) : pools.length === 0 ? (
        <p className="muted">No ticket is waiting.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Allowed countries</th>
              <th scope="col">Waiting</th>
              <th scope="col">Oldest wait</th>
              <th scope="col">Eligible agents available now</th>
            </tr>
          </thead>
          <tbody>
            {pools.map((p) => (
              <tr key={p.key} className={p.eligible === 0 ? 'alert-row' : undefined}>
                <th scope="row">{describeCountries(p.countries)}</th>
                <td>{p.waiting}</td>
                <td>{formatDuration(now - p.oldest)}</td>
                <td>
                  {p.eligible}
                  {p.eligible === 0 && ' — nobody can take these: staff up'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}

/** Eligible by country and free capacity; skills are per ticket and checked again at claim time. */
function poolsOf(tickets: Ticket[], agents: Agent[]): Pool[] {
  const pools = new Map<string, Pool>();
  for (const t of tickets) {
    const key = t.allowedCountries === '*' ? '*' : [...t.allowedCountries].sort().join(',');
    const pool = pools.get(key) ?? { key, countries: t.allowedCountries, waiting: 0, oldest: Infinity, eligible: 0 };
    pool.waiting += 1;
    pool.oldest = Math.min(pool.oldest, new Date(t.createdAt).getTime());
    pools.set(key, pool);
  }
  for (const pool of pools.values()) {
    pool.eligible = agents.filter(
      (a) =>
        a.status === 'available' &&
        (a.activeTickets ?? 0) < a.capacity &&
        (pool.countries === '*' || (a.country !== null && pool.countries.includes(a.country))),
    ).length;
  }
  return [...pools.values()].sort((a, b) => a.oldest - b.oldest);
}
