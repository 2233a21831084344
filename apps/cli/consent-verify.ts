/**
 * Verifies a consent receipt offline:
 *   npm run consent:verify -- <receipt file> --jwks <jwks file>
 * The receipt file holds the JWS, or the JSON answer of GET /v1/consents/:id/receipt; the JWKS file is
 * a saved copy of GET /.well-known/jwks.json. Prints what the receipt attests and exits 0 when valid;
 * exits 1 when it is not (a changed byte, an unknown key, not a receipt), 2 when the files cannot be read.
 */
import { readFileSync } from 'node:fs';
import type { JSONWebKeySet } from 'jose';
// The file itself, not @eea/consent-gate: an offline check needs no Nest, database or queue modules loaded.
import { describeReceipt, receiptFromFile, verifyReceipt } from '../../libs/consent-gate/src/receipts/verify-receipt';

const USAGE = 'usage: npm run consent:verify -- <receipt file> --jwks <jwks file>';

function parseArgs(argv: string[]): { receiptFile: string; jwksFile: string } | null {
  const at = argv.indexOf('--jwks');
  const jwksFile = at >= 0 ? argv[at + 1] : undefined;
  const rest = argv.filter((_, i) => i !== at && i !== at + 1);
  return jwksFile && rest.length === 1 ? { receiptFile: rest[0], jwksFile } : null;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (!args) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  let receipt: string;
  let jwks: JSONWebKeySet;
  try {
    receipt = receiptFromFile(readFileSync(args.receiptFile, 'utf8'));
    jwks = JSON.parse(readFileSync(args.jwksFile, 'utf8')) as JSONWebKeySet;
    if (!Array.isArray(jwks.keys)) throw new Error(`${args.jwksFile} is not a JWKS (no "keys" list)`);
  } catch (error) {
    process.stderr.write(`cannot read the files: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  try {
    process.stdout.write(`${describeReceipt(await verifyReceipt(receipt, jwks)).join('\n')}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`INVALID consent receipt: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`receipt verification could not run: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
