import { useState } from 'react';
import { api } from '../../lib/api-client';
import type { TraceStep } from '../../lib/api-types';
import { describeAgentReason, describeCountries } from '../../lib/explain';
import { formatAt, fromLocalInput, toLocalInput } from '../../lib/time';
import { usePoll } from '../../lib/use-poll';
import { Loading, Section } from '../../components/layout';
import { Field, SaveForm } from '../../components/save-form';
import { TraceList } from '../../components/trace-list';

interface Simulation {
  policyVersion: string;
  jurisdiction: string;
  tier: string;
  flags: string[];
  routable: boolean;
  deferredUntil: string | null;
  allowedCountries: string[] | '*';
  agents: Array<{ id: string; eligible: boolean; reasons: string[] }>;
  trace: TraceStep[];
}

/** The policy in force and a what-if: the same engine the router uses, touching no stored data. */
export function PolicyPanel() {
  const policy = usePoll(() => api<{ policyVersion: string }>('GET', '/v1/policy'), [], 60_000);
  const [result, setResult] = useState<Simulation | null>(null);
  async function simulate(data: FormData) {
    const org = String(data.get('org')).trim();
    const agents = String(data.get('agents'))
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .map((line, i) => {
        const [country, ...skills] = line.split(/[\s,]+/);
        return { id: `agent-${i + 1}-${country.toUpperCase()}`, country: country.toUpperCase(), skills };
      });
    const skills = String(data.get('skills'))
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const sim = await api<Simulation>('POST', '/v1/policy/simulate', {
      at: fromLocalInput(String(data.get('at'))) ?? new Date().toISOString(),
      ticket: {
        region: String(data.get('region')),
        severity: Number(data.get('severity')),
        ...(org ? { organizationId: org } : { tier: String(data.get('tier')) }),
        ...(data.get('category') ? { category: String(data.get('category')) } : {}),
        skills,
      },
      agents,
    });
    setResult(sim);
    return sim.routable
      ? 'Routable now.'
      : sim.deferredUntil
        ? `Deferred until ${formatAt(sim.deferredUntil)}.`
        : 'Not routable.';
  }
  return (
    <Section title="Policy" id="policy">
      {!policy.data ? (
        <Loading error={policy.error} />
      ) : (
        <p>
          Policy version in force: <code>{policy.data.policyVersion.slice(0, 16)}</code>
        </p>
      )}
      <h3>Simulate a ticket</h3>
      <SaveForm label="Simulate" button="Simulate" submit={simulate}>
        <Field id="sim-region" label="AWS region">
          <input id="sim-region" name="region" defaultValue="eu-west-1" required />
        </Field>
        <Field id="sim-severity" label="Severity">
          <select id="sim-severity" name="severity" defaultValue="3">
            {[1, 2, 3, 4].map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </Field>
        <Field id="sim-tier" label="Tier">
          <select id="sim-tier" name="tier">
            <option value="standard">standard</option>
            <option value="eea_only">eea_only</option>
          </select>
        </Field>
        <Field id="sim-org" label="Organisation id (instead of tier)">
          <input id="sim-org" name="org" />
        </Field>
        <Field id="sim-category" label="Category">
          <input id="sim-category" name="category" />
        </Field>
        <Field id="sim-skills" label="Skills (comma separated)">
          <input id="sim-skills" name="skills" />
        </Field>
        <Field id="sim-at" label="At">
          <input id="sim-at" name="at" type="datetime-local" defaultValue={toLocalInput(new Date())} />
        </Field>
        <Field id="sim-agents" label="Agents (one per line: country then skills)">
          <textarea id="sim-agents" name="agents" rows={3} defaultValue={'DE\nIN\nUS'} />
        </Field>
      </SaveForm>
      {result && <SimulationResult sim={result} />}
    </Section>
  );
}

function SimulationResult({ sim }: { sim: Simulation }) {
  return (
    <div aria-label="Simulation result" role="region">
      <p>
        Jurisdiction {sim.jurisdiction}, tier {sim.tier}; allowed: {describeCountries(sim.allowedCountries)}.
      </p>
      <ul className="plain">
        {sim.agents.map((a) => (
          <li key={a.id}>
            {a.id}:{' '}
            {a.eligible
              ? `eligible${a.reasons.length ? ` (${a.reasons.map(describeAgentReason).join('; ')})` : ''}`
              : `not eligible: ${a.reasons.map(describeAgentReason).join('; ')}`}
          </li>
        ))}
      </ul>
      <h4>Trace</h4>
      <TraceList trace={sim.trace} />
    </div>
  );
}
