import type { JobsOptions } from 'bullmq';

/**
 * The one place that defines every queue, its job names, their payloads and options.
 * Payloads carry ids and enums only, never personal data.
 */
export const QUEUE_NAMES = ['routing', 'maintenance', 'outbound'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

export type RouteReason =
  | 'ticket_received'
  | 'ticket_updated'
  | 'deferral_elapsed'
  | 'consent_changed'
  | 'agent_changed'
  | 'policy_changed'
  | 'escalated'
  | 'released'
  | 'sweep'
  // Finer than consent_changed / policy_changed, so that a decision can say what caused it.
  | 'consent_granted'
  | 'consent_expired'
  | 'organization_changed';

export interface OutboundEventPayload {
  id: string;
  type: string;
  at: string;
  data: Record<string, string | number | boolean | null | string[]>;
}

export interface JobPayloads {
  /** Evaluate the policy for a ticket and queue, defer or strand it. */
  'route-ticket': { ticketId: string; revision: number; reason: RouteReason; dueAt?: string };
  /** Consent reached its expiresAt: re-evaluate what it covered. */
  'expire-consent': { consentId: string };
  /** An agent went offline; when the grace period is over, its held tickets return to the queue. */
  'agent-offline-grace': { agentId: string; offlineSince: string };
  /**
   * The safety nets behind every delayed job and the outbox, each repeated every SWEEP_INTERVAL_MS: relay
   * outbox rows whose relay failed; request routing of tickets due it (unrouted, deferral over, policy
   * changed); take tickets back from agents offline past the grace; raise severity 1 alarms; expire
   * consents and consent requests that lapsed.
   */
  'relay-outbox': Record<string, never>;
  'route-due': Record<string, never>;
  'take-back-offline': Record<string, never>;
  'sev1-alarms': Record<string, never>;
  'expire-lapsed-consents': Record<string, never>;
  'expire-consent-requests': Record<string, never>;
  /** Daily purge of expired pseudonyms and records. */
  'purge-retention': Record<string, never>;
  /** Signed POST of one event to OUTBOUND_WEBHOOK_URL. */
  'deliver-event': OutboundEventPayload;
  /** Sign the audit chain's head (a checkpoint) when it moved. */
  'audit-checkpoint': Record<string, never>;
}
export type JobName = keyof JobPayloads;

interface JobDefinition<N extends JobName> {
  queue: QueueName;
  /** Deterministic ids deduplicate re-enqueues (outbox relay + sweeper). BullMQ ids may not contain ':'. */
  jobId?: (payload: JobPayloads[N]) => string;
  options: JobsOptions;
  /**
   * The outbox row stays until the handler has finished with the job (done, or given up after its last
   * attempt) and is relayed again if the job is still unhandled after DURABLE_RERELAY_MS: for jobs with
   * no other safety net, so that losing Redis's data does not lose them.
   */
  durable?: true;
}

/** How long a durable job may stay unhandled after its relay before it is relayed again (a no-op while BullMQ still holds it). */
export const DURABLE_RERELAY_MS = 10 * 60_000;

export function isDurable(name: string): boolean {
  return (JOBS as Record<string, JobDefinition<JobName>>)[name]?.durable === true;
}

const keepFailed = { age: 7 * 24 * 3600, count: 10_000 };
/** A scheduled job: the next run is the retry. */
const repeated: JobsOptions = { removeOnComplete: true, removeOnFail: { count: 100 } };
const retries = (attempts: number, delay: number): JobsOptions => ({
  attempts,
  backoff: { type: 'exponential', delay },
  removeOnComplete: { age: 3600, count: 1000 },
  removeOnFail: keepFailed,
});

export const JOBS: { [N in JobName]: JobDefinition<N> } = {
  'route-ticket': {
    queue: 'routing',
    // A deferral job is keyed by its due time: re-deferring to the same opening is the same job.
    jobId: (p) => `route-${p.ticketId}-${p.revision}${p.dueAt ? `-d${Date.parse(p.dueAt)}` : ''}`,
    options: retries(8, 200),
  },
  'expire-consent': { queue: 'maintenance', jobId: (p) => `expire-consent-${p.consentId}`, options: retries(8, 500) },
  'agent-offline-grace': {
    queue: 'maintenance',
    jobId: (p) => `offline-${p.agentId}-${Date.parse(p.offlineSince)}`,
    options: retries(8, 500),
  },
  'relay-outbox': { queue: 'maintenance', options: repeated },
  'route-due': { queue: 'maintenance', options: repeated },
  'take-back-offline': { queue: 'maintenance', options: repeated },
  'sev1-alarms': { queue: 'maintenance', options: repeated },
  'expire-lapsed-consents': { queue: 'maintenance', options: repeated },
  'expire-consent-requests': { queue: 'maintenance', options: repeated },
  'purge-retention': { queue: 'maintenance', options: { removeOnComplete: true, removeOnFail: { count: 100 } } },
  // Events have no other record to be rebuilt from: their outbox row is kept until delivered.
  'deliver-event': { queue: 'outbound', jobId: (p) => `event-${p.id}`, options: retries(12, 1_000), durable: true },
  'audit-checkpoint': { queue: 'maintenance', options: { removeOnComplete: true, removeOnFail: { count: 100 } } },
};

export function jobOptions<N extends JobName>(name: N, payload: JobPayloads[N], delayMs = 0): JobsOptions {
  const def = JOBS[name] as JobDefinition<N>;
  const jobId = def.jobId?.(payload);
  return { ...def.options, ...(jobId ? { jobId } : {}), ...(delayMs > 0 ? { delay: delayMs } : {}) };
}
