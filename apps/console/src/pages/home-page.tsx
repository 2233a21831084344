import type { SessionInfo } from '../lib/api-types';
import { AgentHome } from './agent/agent-home';
import { ManagerHome } from './manager/manager-home';
import { AuditorHome } from './auditor/auditor-home';
import { AdminHome } from './admin/admin-home';

/** Each role gets its own page and only its own controls; the API enforces the same split. */
export function HomePage({ session, onChanged }: { session: SessionInfo; onChanged: () => Promise<void> }) {
  switch (session.role) {
    case 'agent':
      return <AgentHome session={session} onChanged={onChanged} />;
    case 'manager':
      return <ManagerHome />;
    case 'auditor':
      return <AuditorHome />;
    case 'admin':
      return <AdminHome />;
  }
}
