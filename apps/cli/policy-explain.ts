/**
 * Explains how the residency policy treats one ticket:
 *   node dist/apps/cli/policy-explain.js <ticket.json> [--at <ISO instant>] [--policy config/policy.yaml] [--json]
 * ticket.json is a POST /v1/policy/simulate body, or just its ticket with optional agents/consents.
 * Reads argv only; touches no database.
 */
import { readFileSync } from 'node:fs';
import { formatExplanation, loadPolicyFile, simulate, toSimulateRequest } from '@eea/policy';

const USAGE = 'usage: policy-explain <ticket.json> [--at <ISO instant>] [--policy config/policy.yaml] [--json]';

interface CliArgs {
  ticketPath: string;
  at?: string;
  policyPath: string;
  json: boolean;
}

function parseArgs(argv: readonly string[]): CliArgs {
  const args: Partial<CliArgs> = { policyPath: 'config/policy.yaml', json: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') args.json = true;
    else if (arg === '--at' || arg === '--policy') {
      const value = argv[++i];
      if (value === undefined) throw new Error(`${arg} needs a value\n${USAGE}`);
      if (arg === '--at') args.at = value;
      else args.policyPath = value;
    } else if (arg.startsWith('--')) throw new Error(`unknown option ${arg}\n${USAGE}`);
    else if (args.ticketPath === undefined) args.ticketPath = arg;
    else throw new Error(`unexpected argument ${arg}\n${USAGE}`);
  }
  if (!args.ticketPath) throw new Error(USAGE);
  return args as CliArgs;
}

function main(argv: readonly string[]): number {
  try {
    const args = parseArgs(argv);
    const policy = loadPolicyFile(args.policyPath);
    const input: unknown = JSON.parse(readFileSync(args.ticketPath, 'utf8'));
    // Without --at or an "at" field, explain the ticket as of now (the CLI may read the clock; the library never does).
    const hasAt = typeof (input as { at?: unknown })?.at === 'string';
    const request = toSimulateRequest(input, args.at ?? (hasAt ? undefined : new Date().toISOString()));
    const result = simulate(policy, request);
    process.stdout.write(`${args.json ? JSON.stringify(result, null, 2) : formatExplanation(result)}\n`);
    return 0;
  } catch (error) {
    // PolicyValidationError and SimulationInputError messages already list every bad path, one per line.
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
}

process.exitCode = main(process.argv.slice(2));
