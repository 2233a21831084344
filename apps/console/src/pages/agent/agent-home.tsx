import { useEffect, useState } from 'react';
import { ApiFailure, api } from '../../lib/api-client';
import type { SessionInfo, Ticket } from '../../lib/api-types';
import { usePoll } from '../../lib/use-poll';
import { Loading } from '../../components/layout';
import { AvailableTicket } from './available-ticket';
import { HeldTicket } from './held-ticket';
import type { Pending } from './pending-escalation';
import { HoursNotice } from './hours-notice';
import { StatusControl } from './status-control';

interface Queue {
  assigned: Ticket[];
  available: Ticket[];
}

/** The agent's day: status, what it holds, what it may claim now. Refreshed live by short polling. */
export function AgentHome({ session, onChanged }: { session: SessionInfo; onChanged: () => Promise<void> }) {
  const queue = usePoll(() => api<Queue>('GET', '/v1/me/queue'), []);
  const [notice, setNotice] = useState<string | null>(null);
  const say = (text: string) => {
    setNotice(text);
    void queue.reload();
  };
  // Escalations waiting for consent: when such a ticket leaves the agent, the consent came through.
  const [pending, setPending] = useState<Record<string, Pending & { externalId: string }>>({});
  useEffect(() => {
    const held = new Set(queue.data?.assigned.map((t) => t.id) ?? []);
    const done = Object.entries(pending).filter(([id]) => queue.data && !held.has(id));
    if (done.length === 0) return;
    setNotice(
      done.map(([, p]) => `Ticket ${p.externalId} left your queue: the escalation to ${p.country} went through.`).join(' '),
    );
    setPending((all) => Object.fromEntries(Object.entries(all).filter(([id]) => held.has(id))));
  }, [queue.data, pending]);

  async function claimNext() {
    try {
      const ticket = await api<Ticket | undefined>('POST', '/v1/me/claims');
      say(ticket ? `You now hold ticket ${ticket.externalId}.` : 'Nothing you may work is waiting right now.');
    } catch (e) {
      say(e instanceof ApiFailure ? e.sentence : 'The server could not be reached.');
    }
  }

  return (
    <>
      <div className="page-head">
        <h1>My queue</h1>
        <StatusControl
          agentId={session.agentId!}
          initial={session.agent?.status ?? 'offline'}
          onSaid={say}
          onChanged={onChanged}
        />
        <button type="button" onClick={claimNext}>
          Claim next ticket
        </button>
      </div>
      <p role="status" aria-live="polite" className="notice">
        {notice}
      </p>
      <HoursNotice />
      {!queue.data ? (
        <Loading error={queue.error} />
      ) : (
        <div className="columns">
          <section aria-labelledby="held-title" className="card">
            <h2 id="held-title">Your tickets ({queue.data.assigned.length})</h2>
            {queue.data.assigned.length === 0 && <p className="muted">You hold no ticket.</p>}
            {queue.data.assigned.map((t) => (
              <HeldTicket
                key={t.id}
                ticket={t}
                onSaid={say}
                pending={pending[t.id]}
                onPending={(asked) => setPending((all) => ({ ...all, [t.id]: { externalId: t.externalId, ...asked } }))}
              />
            ))}
          </section>
          <section aria-labelledby="available-title" className="card">
            <h2 id="available-title">Waiting for you ({queue.data.available.length})</h2>
            {queue.data.available.length === 0 && <p className="muted">No ticket you may work is waiting.</p>}
            {queue.data.available.map((t) => (
              <AvailableTicket key={t.id} ticket={t} onSaid={say} />
            ))}
          </section>
        </div>
      )}
      {queue.data && queue.error && (
        <p role="alert" className="error">
          {queue.error}
        </p>
      )}
    </>
  );
}
