import type { PolicyIssue } from './policy.types';

/** Thrown when a policy file cannot be trusted; each issue names the YAML path and why. */
export class PolicyValidationError extends Error {
  readonly issues: PolicyIssue[];

  constructor(issues: PolicyIssue[], source?: string) {
    const where = source ? ` (${source})` : '';
    const lines = issues.map((i) => `  ${i.path}: ${i.message}`);
    super([`Invalid residency policy${where}:`, ...lines].join('\n'));
    this.name = 'PolicyValidationError';
    this.issues = issues;
  }
}
