/**
 * Checks the audit log end to end:
 *   npm run audit:verify [-- --jwks <jwks.json>] [--checkpoint <file>]...   (DATABASE_URL as for the service)
 * The hash chain is walked, and every signed checkpoint (those in the database, plus any saved by an
 * auditor in --checkpoint files, one JWS per line) is verified against the public keys (--jwks, a saved
 * /.well-known/jwks.json; by default the service's configured keys) and compared with the chain, which
 * finds a deleted tail and a rewrite with recomputed hashes. Prints "audit chain intact: …" and exits 0,
 * or one line per problem naming the affected entries and exits 1 (2 when the check could not run).
 * Reads only; needs no Redis and no running service.
 */
import { readFileSync } from 'node:fs';
import type { JSONWebKeySet } from 'jose';
import { DataSource } from 'typeorm';
import { AppConfig, loadConfigFromProcess } from '@eea/config';
import { dataSourceOptions } from '@eea/database';
import { SigningService } from '@eea/signing';
import { allCheckpointJws } from '../../libs/audit/src/audit-checkpoint.repository';
import { verifyAuditChain } from '../../libs/audit/src/audit-verify';
import { walkAuditChain } from '../../libs/audit/src/audit-walk';

const USAGE = 'usage: audit-verify [--jwks <jwks.json>] [--checkpoint <file with one JWS per line>]...';

function parseArgs(argv: readonly string[]): { jwksPath?: string; checkpointPaths: string[] } {
  const args: { jwksPath?: string; checkpointPaths: string[] } = { checkpointPaths: [] };
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1];
    if ((argv[i] === '--jwks' || argv[i] === '--checkpoint') && value !== undefined) {
      if (argv[i] === '--jwks') args.jwksPath = value;
      else args.checkpointPaths.push(value);
      i++;
    } else throw new Error(`unexpected argument ${argv[i]}\n${USAGE}`);
  }
  return args;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const config = loadConfigFromProcess();
  const dataSource = await new DataSource({
    ...dataSourceOptions(config),
    extra: { max: 1, connectionTimeoutMillis: 5_000 },
  }).initialize();
  try {
    const stored = await allCheckpointJws(dataSource.manager);
    const saved = args.checkpointPaths.flatMap((p) => readFileSync(p, 'utf8').split(/\s+/).filter(Boolean));
    const jwks = args.jwksPath
      ? (JSON.parse(readFileSync(args.jwksPath, 'utf8')) as JSONWebKeySet)
      : await new SigningService(config as AppConfig, dataSource).jwks();
    const result = await verifyAuditChain(
      { walk: (wanted) => walkAuditChain(dataSource.manager, wanted) },
      [...stored, ...saved],
      jwks,
    );
    (result.ok ? process.stdout : process.stderr).write(`${result.message}\n`);
    return result.ok ? 0 : 1;
  } finally {
    await dataSource.destroy();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`audit verification could not run: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
