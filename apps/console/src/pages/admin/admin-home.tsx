import { Organisations } from './organisations';
import { AgentsAdmin } from './agents-admin';
import { Tokens } from './tokens';
import { PolicyPanel } from './policy-panel';

export function AdminHome() {
  return (
    <>
      <h1>Administration</h1>
      <nav aria-label="Sections" className="jump">
        <a href="#orgs-title">Organisations</a>
        <a href="#agents-title">Agents</a>
        <a href="#tokens-title">Tokens</a>
        <a href="#policy-title">Policy</a>
        <a href="/admin/queues/">Job queues</a>
      </nav>
      <Organisations />
      <AgentsAdmin />
      <Tokens />
      <PolicyPanel />
    </>
  );
}
