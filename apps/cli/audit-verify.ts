/**
 * Checks the audit log's hash chain end to end:
 *   npm run audit:verify      (DATABASE_URL as for the service)
 * Prints "audit chain intact: N entries" and exits 0, or "audit chain BROKEN at seq S: reason" and exits 1
 * (2 when the check itself could not run). Reads only; needs no Redis and no running service.
 */
import { DataSource } from 'typeorm';
import { AuditService, verifyAuditChain } from '@eea/audit';
import { Clock, loadConfigFromProcess } from '@eea/config';
import { dataSourceOptions } from '@eea/database';

async function main(): Promise<number> {
  const config = loadConfigFromProcess();
  const dataSource = await new DataSource({ ...dataSourceOptions(config), extra: { max: 1, connectionTimeoutMillis: 5_000 } }).initialize();
  try {
    const { ok, message } = await verifyAuditChain(new AuditService(dataSource, new Clock()));
    (ok ? process.stdout : process.stderr).write(`${message}\n`);
    return ok ? 0 : 1;
  } finally {
    await dataSource.destroy();
  }
}

main().then((code) => { process.exitCode = code; }, (error: unknown) => {
  process.stderr.write(`audit verification could not run: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
});
