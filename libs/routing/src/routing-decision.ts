import { TicketEvaluation, TraceStep, permittedCountries } from '@eea/policy';
import { RelayJob, outboxRow } from '@eea/queue';
import type { EventService } from '@eea/outbound';
import { DecisionTrigger, INTAKE_FLAGS, RoutingDecision, TicketEntity, TicketStatus } from '@eea/tickets';

export type RoutingOutcome = 'queued' | 'deferred' | 'stranded';

/** Sets the ticket's routing state from `evaluation` (in memory) and returns the decision to record. */
export function applyEvaluation(
  ticket: TicketEntity,
  evaluation: TicketEvaluation,
  trace: TraceStep[],
  assigneeKeeps: boolean,
  now: Date,
  trigger: DecisionTrigger,
): RoutingDecision {
  const permitted = permittedCountries(evaluation);
  const outcome: RoutingOutcome =
    permitted !== '*' && permitted.length === 0 ? 'stranded' : evaluation.routable ? 'queued' : 'deferred';
  if (!assigneeKeeps) {
    ticket.status = outcome;
    ticket.assigneeId = null;
    ticket.assignedAt = null;
  }
  ticket.allowedCountries = permitted === '*' ? null : permitted;
  // A held ticket is never deferred: the holder keeps working it, so it carries no deferral either.
  ticket.deferredUntil = ticket.status === 'deferred' ? evaluation.deferredUntil : null;
  ticket.flags = mergeFlags(ticket.flags, evaluation.flags);
  ticket.policyVersion = evaluation.policyVersion;
  ticket.regionCountry = evaluation.regionCountry;
  ticket.jurisdiction = evaluation.jurisdiction;
  ticket.tier = evaluation.tier;
  return {
    at: now,
    trigger,
    policyVersion: evaluation.policyVersion,
    outcome,
    allowedCountries: ticket.allowedCountries,
    deferredUntil: outcome === 'deferred' ? evaluation.deferredUntil : null,
    flags: evaluation.flags,
    trace,
  };
}

/** The job that routes a deferred ticket again when its support window opens (kept as it would be on a later second). */
export function deferralJob(t: TicketEntity, now: Date): RelayJob | undefined {
  if (t.status !== 'deferred' || !t.deferredUntil) return undefined;
  return outboxRow(
    'route-ticket',
    { ticketId: t.id, revision: t.revision, reason: 'deferral_elapsed', dueAt: t.deferredUntil.toISOString() },
    Math.max(0, t.deferredUntil.getTime() - now.getTime()),
  );
}

/**
 * What follows from a routing, staged with it: the deferral's job, and the event of a change to `queued`,
 * `deferred` or `stranded` (none when events are off or the status did not change).
 */
export function followUpJobs(events: EventService, t: TicketEntity, before: TicketStatus, now: Date): RelayJob[] {
  const jobs: RelayJob[] = [];
  const deferral = deferralJob(t, now);
  if (deferral) jobs.push(deferral);
  if (t.status !== before && (t.status === 'queued' || t.status === 'deferred' || t.status === 'stranded')) {
    const event = events.job(`ticket.${t.status}`, now, {
      ticketId: t.id,
      externalId: t.externalId,
      source: t.source,
      status: t.status,
      allowedCountries: t.allowedCountries ?? ['*'],
      deferredUntil: t.deferredUntil?.toISOString() ?? null,
    });
    if (event) jobs.push(event);
  }
  return jobs;
}

/** Policy flags are recomputed on each evaluation; operational flags (alarms, what intake could not read) are kept. */
const OPERATIONAL_FLAGS = new Set<string>(['sev1_unclaimed', ...INTAKE_FLAGS]);
export function mergeFlags(existing: string[], fromPolicy: string[]): string[] {
  return [...new Set([...fromPolicy, ...existing.filter((f) => OPERATIONAL_FLAGS.has(f))])];
}
