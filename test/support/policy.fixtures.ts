import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { compilePolicy, type CompiledPolicy } from '@eea/policy';

/** Shared by the specs: the shipped policy, and variants of it built by editing its parsed form. */
export const SHIPPED_POLICY_PATH = join(__dirname, '..', '..', 'config', 'policy.yaml');
export const shippedPolicyText = readFileSync(SHIPPED_POLICY_PATH, 'utf8');
export const shippedPolicy: CompiledPolicy = compilePolicy(shippedPolicyText);

export type PolicyDoc = any;

export function editedPolicyText(edit: (doc: PolicyDoc) => void): string {
  const doc = parse(shippedPolicyText);
  edit(doc);
  return stringify(doc);
}

export function editedPolicy(edit: (doc: PolicyDoc) => void): CompiledPolicy {
  return compilePolicy(editedPolicyText(edit));
}

export const EEA_COUNTRIES = [
  'AT',
  'BE',
  'BG',
  'HR',
  'CY',
  'CZ',
  'DK',
  'EE',
  'FI',
  'FR',
  'DE',
  'GR',
  'HU',
  'IE',
  'IT',
  'LV',
  'LT',
  'LU',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SK',
  'SI',
  'ES',
  'SE',
  'IS',
  'LI',
  'NO',
];

export const at = (iso: string): Date => new Date(iso);
