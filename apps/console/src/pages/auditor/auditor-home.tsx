import { AuditLog } from './audit-log';
import { Transfers } from './transfers';

export function AuditorHome() {
  return (
    <>
      <h1>Audit</h1>
      <nav aria-label="Sections" className="jump">
        <a href="#audit-title">Audit log</a>
        <a href="#transfers-title">Transfers</a>
      </nav>
      <AuditLog />
      <Transfers />
    </>
  );
}
