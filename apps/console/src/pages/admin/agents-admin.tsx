import { api, enc } from '../../lib/api-client';
import type { Agent } from '../../lib/api-types';
import { usePoll } from '../../lib/use-poll';
import { Loading, Section } from '../../components/layout';
import { Field, SaveForm } from '../../components/save-form';
import { AgentTable } from '../manager/agents-board';

const list = (v: FormDataEntryValue | null) =>
  String(v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

export function AgentsAdmin() {
  const agents = usePoll(() => api<{ items: Agent[] }>('GET', '/v1/agents'), [], 10_000);
  async function save(data: FormData) {
    const id = String(data.get('id')).trim();
    const country = String(data.get('country')).trim().toUpperCase();
    await api('PUT', `/v1/agents/${enc(id)}`, {
      name: String(data.get('name')),
      country: country || null,
      skills: list(data.get('skills')),
      languages: list(data.get('languages')),
      capacity: Number(data.get('capacity')),
    });
    void agents.reload();
    return `Agent ${id} saved; what it may work follows at once.`;
  }
  return (
    <Section title="Agents" id="agents">
      {!agents.data ? <Loading error={agents.error} /> : <AgentTable agents={agents.data.items} />}
      <h3>Add or change an agent</h3>
      <SaveForm label="Save agent" button="Save agent" submit={save}>
        <Field id="agent-id" label="Agent id">
          <input id="agent-id" name="id" required maxLength={200} />
        </Field>
        <Field id="agent-name" label="Name">
          <input id="agent-name" name="name" required maxLength={200} />
        </Field>
        <Field id="agent-country" label="Country (two letters)">
          <input id="agent-country" name="country" pattern="[A-Za-z]{2}" maxLength={2} />
        </Field>
        <Field id="agent-skills" label="Skills (comma separated)">
          <input id="agent-skills" name="skills" />
        </Field>
        <Field id="agent-languages" label="Languages (comma separated)">
          <input id="agent-languages" name="languages" />
        </Field>
        <Field id="agent-capacity" label="Capacity">
          <input id="agent-capacity" name="capacity" type="number" min={1} max={100} defaultValue={5} required />
        </Field>
      </SaveForm>
    </Section>
  );
}
