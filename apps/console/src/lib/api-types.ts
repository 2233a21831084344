/** Shapes of the public /v1 API the console reads (SPEC 4). */
export type Role = 'admin' | 'manager' | 'agent' | 'auditor';

export interface TraceStep {
  rule: string;
  outcome: string;
  detail: string;
}

export interface Ticket {
  id: string;
  source: string;
  externalId: string;
  organizationId: string;
  region: string | null;
  regionCountry: string | null;
  jurisdiction: 'EEA' | 'NON_EEA' | 'UNKNOWN';
  tier: string;
  severity: number;
  category: string | null;
  skills: string[];
  problemRef: string | null;
  status: string;
  allowedCountries: string[] | '*';
  deferredUntil: string | null;
  assigneeId: string | null;
  flags: string[];
  policyVersion: string;
  url?: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Decision {
  id: string;
  ticketId: string;
  at: string;
  trigger?: string;
  policyVersion: string;
  outcome: string;
  allowedCountries: string[] | '*';
  deferredUntil: string | null;
  flags: string[];
  trace: TraceStep[];
}

export interface ConsentRequest {
  id: string;
  ticketId: string;
  organizationId?: string;
  externalId?: string;
  country: string;
  reason: string;
  requestedBy?: string;
  requestedByAgentId?: string;
  expiresAt: string;
  status?: string;
  createdAt?: string;
}

export interface Consent {
  id: string;
  ticketId: string | null;
  organizationId: string | null;
  problemRef: string | null;
  countries: string[];
  approvedBy?: { name: string; role?: string | null };
  evidence?: string;
  grantedAt: string;
  expiresAt: string;
  revokedAt: string | null;
  scope?: 'ticket' | 'problem';
  status?: string;
}

export interface Agent {
  id: string;
  name: string;
  country: string | null;
  skills: string[];
  capacity: number;
  status: string;
  activeTickets?: number;
}

export interface Organisation {
  id: string;
  name: string;
  supportTier: string;
}

export interface SessionInfo {
  role: Role;
  agentId: string | null;
  csrfToken: string;
  expiresAt: string;
  agent?: { id: string; name: string; country: string | null; status: string; capacity: number } | null;
}
