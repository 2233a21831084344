import { api } from '../../lib/api-client';
import type { SessionInfo, Ticket, TraceStep } from '../../lib/api-types';
import { summariseTicket } from '../../lib/explain';
import { usePoll } from '../../lib/use-poll';
import { Section } from '../../components/layout';
import { TraceList } from '../../components/trace-list';

/** "Why you can work this ticket": the ticket's routing facts and the policy's trace, in words. */
export function AgentReasons({ ticket, session }: { ticket: Ticket; session: SessionInfo }) {
  const country = session.agent?.country ?? null;
  const trace = usePoll(
    async () => {
      const result = await api<{ trace: TraceStep[] }>('POST', '/v1/policy/simulate', {
        at: new Date().toISOString(),
        ticket: {
          region: ticket.region ?? 'unknown',
          severity: ticket.severity,
          organizationId: ticket.organizationId,
          category: ticket.category ?? undefined,
          skills: ticket.skills,
        },
        agents: country ? [{ id: session.agentId, country, skills: ticket.skills }] : [],
      });
      return result.trace;
    },
    [ticket.id, ticket.updatedAt],
    60_000,
  );
  const consentLetIn =
    country &&
    ticket.allowedCountries !== '*' &&
    ticket.allowedCountries.includes(country) &&
    ticket.flags.includes('consent_active');
  return (
    <Section title="Why you can work this ticket" id="why">
      {summariseTicket(ticket).map((line) => (
        <p key={line}>{line}</p>
      ))}
      <p>
        {country ? `You work from ${country}, ` : 'You have no country set, '}
        {consentLetIn ? "which the customer's consent lets in." : 'which this ticket allows.'} It is in your queue because you may
        work it right now; if that changes, it leaves your queue at once.
      </p>
      <h3>How the policy decided</h3>
      {trace.data ? <TraceList trace={trace.data} /> : <p className="muted">{trace.error ?? 'Loading…'}</p>}
    </Section>
  );
}
