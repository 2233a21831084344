/**
 * What a vendor delivery could not say cleanly (SPEC 5.1). The ticket is stored anyway, fail closed,
 * and carries the flag until a later delivery reads cleanly; routing keeps these flags.
 */
export const INTAKE_FLAGS = [
  'unmapped_priority',
  'unmapped_status',
  'invalid_timestamp',
  'truncated',
  'multiple_organizations',
  // Text the database cannot hold (NUL, lone UTF-16 surrogates): removed or replaced, never matched as sent.
  'invalid_text',
] as const;
export type IntakeFlag = (typeof INTAKE_FLAGS)[number];
