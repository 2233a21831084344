import { api } from '../../lib/api-client';
import type { Decision } from '../../lib/api-types';
import { describeCountries } from '../../lib/explain';
import { formatAt } from '../../lib/time';
import { usePoll } from '../../lib/use-poll';
import { Loading, Section } from '../../components/layout';
import { TraceList } from '../../components/trace-list';

interface ActivityItem {
  at: string;
  kind: string;
  details: Record<string, unknown>;
  actor:
    | { type: 'agent'; agentId: string }
    | { type: 'token'; id: string; name: string | null; role: string | null }
    | { type: 'system' };
}

const KINDS: Record<string, string> = {
  claimed: 'claimed',
  released: 'released',
  resolved: 'resolved',
  escalated: 'escalated',
  taken_back: 'taken back from its agent',
  routed: 'routed',
};

function describeActivity(a: ActivityItem): string {
  const who =
    a.actor.type === 'agent'
      ? ` by agent ${a.actor.agentId}`
      : a.actor.type === 'token'
        ? ` by ${a.actor.name ?? 'a token'}${a.actor.role ? ` (${a.actor.role})` : ''}`
        : '';
  const d = a.details;
  const extra =
    a.kind === 'routed'
      ? `: ${String(d.outcome ?? '')}${d.trigger ? ` after ${TRIGGERS[String(d.trigger)] ?? String(d.trigger)}` : ''}`
      : a.kind === 'escalated' && d.country
        ? ` to ${String(d.country)}`
        : a.kind === 'taken_back' && d.agentId
          ? ` (${String(d.agentId)})`
          : '';
  return `${KINDS[a.kind] ?? a.kind}${extra}${who}`;
}

const TRIGGERS: Record<string, string> = {
  intake: 'ticket received',
  ticket_update: 'ticket updated',
  consent_granted: 'consent granted',
  consent_revoked: 'consent revoked',
  consent_expired: 'consent expired',
  escalation: 'escalation',
  agent_change: 'agent changed',
  organization_change: 'organisation changed',
  policy_change: 'policy changed',
  deferral_ended: 'support hours opened',
  claim_recheck: 'checked at claim',
  sweeper: 'periodic check',
};

/** A ticket's routing decisions (newest first, each with its trace in words) and its activity. */
export function TicketHistory({ ticketId }: { ticketId: string }) {
  const decisions = usePoll(() => api<{ items: Decision[] }>('GET', `/v1/tickets/${ticketId}/decisions`), [ticketId]);
  const activity = usePoll(() => api<{ items: ActivityItem[] }>('GET', `/v1/tickets/${ticketId}/activity`), [ticketId], 10_000);
  return (
    <>
      <Section title="Decisions" id="decisions">
        {!decisions.data ? (
          <Loading error={decisions.error} />
        ) : (
          decisions.data.items.map((d) => (
            <details key={d.id} open={d === decisions.data!.items[0]}>
              <summary>
                {formatAt(d.at)}: <strong>{d.outcome}</strong>
                {d.trigger && <> after {TRIGGERS[d.trigger] ?? d.trigger}</>} — {describeCountries(d.allowedCountries)}
              </summary>
              <TraceList trace={d.trace} />
            </details>
          ))
        )}
      </Section>
      <Section title="Activity" id="activity">
        {!activity.data ? (
          <p className="muted">{activity.error ?? 'Loading…'}</p>
        ) : (
          <ul className="plain">
            {activity.data.items.map((a, i) => (
              <li key={i}>
                {formatAt(a.at)}: {describeActivity(a)}
              </li>
            ))}
          </ul>
        )}
      </Section>
    </>
  );
}
