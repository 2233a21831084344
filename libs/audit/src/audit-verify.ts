import type { AuditService } from './audit.service';

/** What `npm run audit:verify` prints and exits with. */
export async function verifyAuditChain(audit: Pick<AuditService, 'verify'>): Promise<{ ok: boolean; message: string }> {
  const { checked, broken } = await audit.verify();
  if (!broken) return { ok: true, message: `audit chain intact: ${checked} entries` };
  return { ok: false, message: `audit chain BROKEN at seq ${broken.seq}: ${broken.reason}` };
}
