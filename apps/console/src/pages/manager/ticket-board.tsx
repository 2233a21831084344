import { api } from '../../lib/api-client';
import type { Ticket } from '../../lib/api-types';
import { strandedReason } from '../../lib/explain';
import { usePoll } from '../../lib/use-poll';
import { Loading, Section, TicketLink } from '../../components/layout';
import { Countdown } from '../../components/countdown';

/** Stranded tickets with why nobody may work them, or deferred tickets with when they open. */
export function TicketBoard({ status, title, id }: { status: 'stranded' | 'deferred'; title: string; id: string }) {
  const tickets = usePoll(() => api<{ items: Ticket[] }>('GET', `/v1/tickets?status=${status}&limit=100`), [status]);
  return (
    <Section title={title} id={id}>
      {!tickets.data ? (
        <Loading error={tickets.error} />
      ) : tickets.data.items.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <ul className="plain">
          {tickets.data.items.map((t) => (
            <li key={t.id}>
              <TicketLink id={t.id}>{t.externalId}</TicketLink> ({t.organizationId}, severity {t.severity}):{' '}
              {status === 'stranded' ? (
                strandedReason(t)
              ) : t.deferredUntil ? (
                <Countdown until={t.deferredUntil} />
              ) : (
                'opening time unknown'
              )}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
