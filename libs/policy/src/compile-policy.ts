import { createHash } from 'node:crypto';
import { LineCounter, parseDocument } from 'yaml';
import { PolicyModel } from './compiled-policy';
import { PolicyValidationError } from './policy-validation.error';
import { readSettingFile } from './read-setting-file';
import type { CompiledPolicy } from './policy.types';
import { validatePolicy } from './validate-policy';
import { Issues } from './validation-helpers';

/** `sha256:` + 16 hex chars of the file content: recorded on every decision as policyVersion. */
export function policyVersionOf(text: string): string {
  return `sha256:${createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 16)}`;
}

/** Parses and validates a policy document; throws PolicyValidationError listing every problem. */
export function compilePolicy(text: string, source?: string): CompiledPolicy {
  const issues = new Issues();
  // YAML 1.2 core schema: `NO` stays the string Norway and dates stay strings.
  const lines = new LineCounter();
  const doc = parseDocument(text, { version: '1.2', uniqueKeys: true, prettyErrors: false, lineCounter: lines });
  for (const error of [...doc.errors, ...doc.warnings]) {
    // Positions from the line counter: without prettyErrors the error's own linePos is never filled in.
    const { line, col } = lines.linePos(error.pos[0]);
    issues.add(`(yaml line ${line}, column ${col})`, error.message.split('\n')[0]);
  }
  if (issues.list.length > 0) throw new PolicyValidationError(issues.list, source);
  const definition = validatePolicy(doc.toJS({ maxAliasCount: 100 }), issues);
  if (!definition) {
    if (issues.list.length === 0) issues.add('(root)', 'the policy could not be read');
    throw new PolicyValidationError(issues.list, source);
  }
  return new PolicyModel(policyVersionOf(text), definition);
}

/** The only I/O in this library: read the policy file once at start-up. */
/** `variable` names the setting the path came from, for the message when the file cannot be read. */
export function loadPolicyFile(path: string, variable?: string): CompiledPolicy {
  const text = readSettingFile(path, 'residency policy file', variable, (message) => new PolicyFileError(message));
  return compilePolicy(text, path);
}

/** The policy file cannot be read at all: one line naming it, no stack. */
export class PolicyFileError extends PolicyValidationError {
  constructor(message: string) {
    super([{ path: '(file)', message }]);
    this.message = message;
    this.name = 'PolicyFileError';
  }
}
