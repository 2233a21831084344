import { api, enc } from '../../lib/api-client';
import type { Organisation } from '../../lib/api-types';
import { usePoll } from '../../lib/use-poll';
import { Loading, Section } from '../../components/layout';
import { Field, SaveForm } from '../../components/save-form';

const TIERS: Record<string, string> = { standard: 'Standard', eea_only: 'EEA-only support' };

export function Organisations() {
  const orgs = usePoll(() => api<{ items: Organisation[] }>('GET', '/v1/organizations'), [], 15_000);
  async function save(data: FormData) {
    const id = String(data.get('id')).trim();
    await api('PUT', `/v1/organizations/${enc(id)}`, { name: String(data.get('name')), supportTier: String(data.get('tier')) });
    void orgs.reload();
    return `Organisation ${id} saved; its tickets are routed again under its tier.`;
  }
  return (
    <Section title="Organisations" id="orgs">
      {!orgs.data ? (
        <Loading error={orgs.error} />
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Id</th>
              <th scope="col">Name</th>
              <th scope="col">Support tier</th>
            </tr>
          </thead>
          <tbody>
            {orgs.data.items.map((o) => (
              <tr key={o.id}>
                <td>{o.id}</td>
                <td>{o.name}</td>
                <td>{TIERS[o.supportTier] ?? o.supportTier}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>Add or change an organisation</h3>
      <SaveForm label="Save organisation" button="Save organisation" submit={save}>
        <Field id="org-id" label="Organisation id">
          <input id="org-id" name="id" required maxLength={200} />
        </Field>
        <Field id="org-name" label="Name">
          <input id="org-name" name="name" required maxLength={200} />
        </Field>
        <Field id="org-tier" label="Support tier">
          <select id="org-tier" name="tier">
            {Object.entries(TIERS).map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </select>
        </Field>
      </SaveForm>
    </Section>
  );
}
