import { api } from '../../lib/api-client';
import { usePoll } from '../../lib/use-poll';
import { Countdown } from '../../components/countdown';

/**
 * Deferred tickets are not in an agent's queue until their hours open. Outside EEA-only hours the
 * agent sees when they open, asked of the policy itself (simulate: the router's own code path).
 */
export function HoursNotice() {
  const next = usePoll(
    async () => {
      const result = await api<{ routable: boolean; deferredUntil: string | null }>('POST', '/v1/policy/simulate', {
        at: new Date().toISOString(),
        ticket: { region: 'eu-central-1', severity: 3, tier: 'eea_only' },
        agents: [],
      });
      return result.routable ? null : result.deferredUntil;
    },
    [],
    60_000,
  );
  if (!next.data) return null;
  return (
    <p className="card hours">
      EEA-only support hours are closed; deferred tickets wait for them. The next window <Countdown until={next.data} />.
    </p>
  );
}
