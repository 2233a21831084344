export type {
  AgentEligibility,
  AgentFacts,
  CompiledPolicy,
  ConsentFacts,
  ConsentRules,
  HoursRuleDescription,
  Jurisdiction,
  PolicyDescription,
  PolicyIssue,
  Severity,
  TicketEvaluation,
  TicketFacts,
  Tier,
  TierDescription,
  TraceStep,
} from './policy.types';
export { SEVERITIES, TIERS } from './policy.types';
export { compilePolicy, loadPolicyFile } from './compile-policy';
export { readSettingFile } from './read-setting-file';
export { PolicyValidationError } from './policy-validation.error';
export { classifyTicket, evaluateTicket } from './evaluate-ticket';
export type { TicketClassification } from './evaluate-ticket';
export { checkAgent, isCountryPermitted, permittedCountries } from './agent-eligibility';
export { isConsentActive } from './consent';
export { nextOpening } from './support-hours';
export { simulate, SimulationInputError } from './simulate';
export type { SimulateRequest, SimulateResponse } from './simulate';
export { ISO_COUNTRY_CODES, isIsoCountryCode } from './iso-countries';
export { formatExplanation, toSimulateRequest } from './explain-format';
