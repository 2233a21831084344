import { api } from '../lib/api-client';
import type { SessionInfo, Ticket } from '../lib/api-types';
import { usePoll } from '../lib/use-poll';
import { Loading, Section } from '../components/layout';
import { Countdown } from '../components/countdown';
import { TicketFacts } from '../components/ticket-facts';
import { AgentReasons } from './agent/agent-reasons';
import { TicketHistory } from './manager/ticket-history';

/** One ticket: its facts and, for an agent, why it may work it; for others, its decisions and activity. */
export function TicketPage({ id, session }: { id: string; session: SessionInfo }) {
  const ticket = usePoll(() => api<Ticket>('GET', `/v1/tickets/${id}`), [id]);
  const t = ticket.data;
  if (!t)
    return (
      <>
        <h1>Ticket</h1>
        <Loading error={ticket.error} />
      </>
    );
  return (
    <>
      <h1>Ticket {t.externalId}</h1>
      {ticket.error && (
        <p role="alert" className="error">
          {ticket.error}
        </p>
      )}
      <Section title="Ticket" id="facts">
        <p>
          Status: <strong>{t.status}</strong>
          {t.status === 'deferred' && t.deferredUntil && (
            <>
              {' '}
              — <Countdown until={t.deferredUntil} />
            </>
          )}
        </p>
        <TicketFacts ticket={t} />
        {t.url && (
          <p>
            <a href={t.url} target="_blank" rel="noreferrer noopener">
              Open in the ticketing system
            </a>
          </p>
        )}
      </Section>
      {session.role === 'agent' ? <AgentReasons ticket={t} session={session} /> : <TicketHistory ticketId={t.id} />}
    </>
  );
}
