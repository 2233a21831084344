import { Db, entitySelectList, run, runOne, sql } from '@eea/database';
import type { ConsentFacts, Tier } from '@eea/policy';
import { RelayJob, outboxInsertRows } from '@eea/queue';
import type { DecisionEntity } from './decision.entity';
import type { DecisionTrigger } from './ticket-activity';
import { TicketEntity } from './ticket.entity';
import { TierAndConsentsRow, parseTierAndConsents, tierAndConsentsSql } from './tier-and-consents.repository';

export type RoutingDecision = Pick<
  DecisionEntity,
  'at' | 'policyVersion' | 'outcome' | 'allowedCountries' | 'deferredUntil' | 'flags' | 'trace'
> & { trigger: DecisionTrigger };

const LOCK_FOR_ROUTING = sql<Record<string, unknown> & { commit_mode: string }>(
  'tickets.lock_for_routing',
  `
  SELECT ${entitySelectList(TicketEntity, 't')},
      set_config('synchronous_commit', CASE WHEN t.status = 'received' THEN 'off' ELSE current_setting('synchronous_commit') END, true) AS commit_mode
    FROM tickets t WHERE t.id = $1 FOR UPDATE`,
  { prepare: true },
);

/**
 * The ticket, locked for this transaction, in one statement. When it is still `received` (its first
 * routing) the same statement lets this transaction commit without waiting for the WAL flush: a
 * first routing lost in a database crash leaves the ticket `received`, and the routing requests for
 * unrouted tickets route it again (claims and reads re-check live anyway). Every later change (it may
 * take a ticket from its holder) stays synchronous. The status tested is the locked, latest version of the row.
 */
export async function lockTicketForRouting(db: Db, ticketId: string): Promise<TicketEntity | null> {
  const row = await runOne(db, LOCK_FOR_ROUTING, [ticketId]);
  if (!row) return null;
  const { commit_mode: _mode, ...columns } = row;
  return Object.assign(new TicketEntity(), columns);
}

/**
 * The columns routing decides, plus the two a caller may change just before routing (an escalation
 * sets the country and restarts the wait). `allowed_countries` is always written so that
 * trg_tickets_allowed_key keeps the claim-pool key in step.
 */
const ROUTED_COLUMNS = [
  ['status', 'text'],
  ['assignee_id', 'text'],
  ['assigned_at', 'timestamptz'],
  ['allowed_countries', 'text[]'],
  ['deferred_until', 'timestamptz'],
  ['flags', 'text[]'],
  ['policy_version', 'text'],
  ['region_country', 'text'],
  ['jurisdiction', 'text'],
  ['tier', 'text'],
  ['escalation_country', 'text'],
  ['waiting_since', 'timestamptz'],
] as const;

const param = (i: number) => `$${i + 2}::${ROUTED_COLUMNS[i][1]}`;
const DECISION_AT = ROUTED_COLUMNS.length + 2;
const DECISION_COLUMNS = 'ticket_id, at, policy_version, outcome, allowed_countries, deferred_until, flags, trace, trigger';
const DECISION_TYPES = ['timestamptz', 'text', 'text', 'text[]', 'timestamptz', 'text[]', 'jsonb', 'text'];
const decisionParam = (k: number) => `$${DECISION_AT + k}::${DECISION_TYPES[k]}`;
const DECISION_VALUES = `$1, ${DECISION_TYPES.map((_, k) => decisionParam(k)).join(', ')}`;
/** A trace without its `assignment` step: that an assignee may keep its ticket is no news when nothing else changed. */
const policySteps = (trace: string) =>
  `(SELECT jsonb_agg(s ORDER BY n) FROM jsonb_array_elements(${trace}) WITH ORDINALITY AS e(s, n) WHERE s->>'rule' NOT IN ('assignment', 'widening'))`;
/**
 * The decision says what the latest one already says (the trigger, the assignment step and the widening
 * note aside: a widening is news once, when the countries change, and that change is itself recorded).
 */
const SAME_AS_LAST = `EXISTS (SELECT 1 FROM (
    SELECT policy_version, outcome, allowed_countries, deferred_until, flags, trace FROM decisions WHERE ticket_id = $1 ORDER BY seq DESC LIMIT 1
  ) last WHERE (last.policy_version, last.outcome, last.allowed_countries, last.deferred_until, last.flags, ${policySteps('last.trace')})
    IS NOT DISTINCT FROM (${[1, 2, 3, 4, 5].map(decisionParam).join(', ')}, ${policySteps(decisionParam(6))}))`;
const ROUTED_CHANGED = `(${ROUTED_COLUMNS.map(([c]) => c).join(', ')}) IS DISTINCT FROM (${ROUTED_COLUMNS.map((_, i) => param(i)).join(', ')})`;

/**
 * Writes the routed ticket and its decision in one round trip. `updated_at` moves only when a column
 * actually changes (as an ORM save would). A decision is recorded only when the routing state changed
 * or its explanation did (a severity change that keeps the ticket queued): re-evaluating an unchanged
 * ticket (a second request for the same change, a sweep) leaves it and its history as they were.
 * `before` reads the row as it was when the statement started (the caller holds its lock).
 */
const SAVE_ROUTING = sql<{ updated_at: Date; decided: number }>(
  'tickets.save_routing',
  `
  WITH before AS (SELECT ${ROUTED_CHANGED} AS changed FROM tickets WHERE id = $1),
  updated AS (
    UPDATE tickets SET ${ROUTED_COLUMNS.map(([c], i) => `${c} = ${param(i)}`).join(', ')},
      updated_at = CASE WHEN ${ROUTED_CHANGED} THEN now() ELSE updated_at END
     WHERE id = $1 RETURNING updated_at
  ),
  decided AS (
    INSERT INTO decisions (${DECISION_COLUMNS}) SELECT ${DECISION_VALUES} FROM before WHERE changed OR NOT ${SAME_AS_LAST} RETURNING id
  )
  SELECT updated_at, (SELECT count(*) FROM decided)::int AS decided FROM updated`,
  { prepare: true },
);

/**
 * Persists the routing state the caller set on `t` (kept as it is in memory) and records `decision`.
 * Returns whether anything stored changed (and so a decision was recorded).
 */
export async function saveRouting(db: Db, t: TicketEntity, decision: RoutingDecision): Promise<boolean> {
  const rows = await run(db, SAVE_ROUTING, routingValues(t, decision));
  // The caller holds the row lock, so the row is there; a miss is a bug, not a race.
  if (rows.length !== 1) throw new Error(`routing: ticket ${t.id} not found when saving its routing`);
  t.updatedAt = rows[0].updated_at;
  return rows[0].decided > 0;
}

function routingValues(t: TicketEntity, decision: RoutingDecision): unknown[] {
  return [
    t.id,
    t.status,
    t.assigneeId,
    t.assignedAt,
    t.allowedCountries,
    t.deferredUntil,
    t.flags,
    t.policyVersion,
    t.regionCountry,
    t.jurisdiction,
    t.tier,
    t.escalationCountry,
    t.waitingSince,
    decision.at,
    decision.policyVersion,
    decision.outcome,
    decision.allowedCountries,
    decision.deferredUntil,
    decision.flags,
    JSON.stringify(decision.trace),
    decision.trigger,
  ];
}

/**
 * A `received` ticket with everything its first routing reads, in one statement and one snapshot, without
 * a lock: `version` is the row version (xmin) that `saveFirstRoutings` must still find.
 */
export interface FirstRoutingRead {
  ticket: TicketEntity;
  version: string;
  tier: Tier | null;
  consents: ConsentFacts[];
  sourceVerified: boolean;
}

function toFirstRoutingRead(row: Record<string, unknown> & TierAndConsentsRow & { row_version: string }): FirstRoutingRead {
  const { row_version: version, tier, consents, source_verified, ...columns } = row;
  return {
    ticket: Object.assign(new TicketEntity(), columns),
    version,
    ...parseTierAndConsents({ tier, consents, source_verified }),
  };
}

/** Received tickets with their facts and row versions, in one statement and one snapshot (no lock). */
const READ_FIRST_ROUTINGS = sql<Record<string, unknown> & TierAndConsentsRow & { row_version: string }>(
  'tickets.read_first_routings',
  `
  SELECT ${entitySelectList(TicketEntity, 't')}, t.xmin::text AS row_version,
      ${tierAndConsentsSql({ id: 't.id', org: 't.organization_id', orgs: 't.organization_ids', problem: 't.problem_ref', now: '$2', source: 't.source' })}
    FROM tickets t WHERE t.id = ANY($1::uuid[])`,
  { prepare: true },
);

/** The first routings' reads, by ticket id; a ticket that does not exist is absent. */
export async function readForFirstRoutings(db: Db, ticketIds: string[], now: Date): Promise<Map<string, FirstRoutingRead>> {
  if (ticketIds.length === 0) return new Map();
  const rows = await run(db, READ_FIRST_ROUTINGS, [[...new Set(ticketIds)], now]);
  return new Map(rows.map((row) => [String(row.id), toFirstRoutingRead(row)]));
}

export interface FirstRoutingWrite {
  read: FirstRoutingRead;
  decision: RoutingDecision;
  /** Jobs that follow from this ticket's routing (a deferral's, an event), staged with it. */
  jobs?: RelayJob[];
}

/** The parameters of one row of `SAVE_FIRST_ROUTINGS`, in order: ticket id, `ROUTED_COLUMNS`, the decision, row version, follow-up job. */
const BATCH_COLUMNS: ReadonlyArray<readonly [string, string]> = [
  ['id', 'uuid'],
  ...ROUTED_COLUMNS,
  ...DECISION_COLUMNS.split(', ')
    .slice(1)
    .map((c, k) => [`d_${c}`, DECISION_TYPES[k]] as const),
  ['row_version', 'text'],
];
/** The parameters after `BATCH_COLUMNS`: one array each over every job of the batch, with its ticket's id first. */
const JOB_COLUMNS = ['ticket_id uuid', 'queue text', 'job_name text', 'job_id text', 'payload jsonb', 'delay_ms bigint'].map(
  (c) => c.split(' ') as [string, string],
);
/** A text[] value travels as jsonb (arrays of arrays cannot be unnested); SQL NULL stays NULL, unlike `'{}'`. */
const arrayType = (type: string) => (type === 'text[]' ? 'jsonb' : type);
const inputValue = (column: string) => {
  const type = BATCH_COLUMNS.find(([c]) => c === column)![1];
  return type === 'text[]'
    ? `(CASE WHEN i.${column} IS NOT NULL THEN ARRAY(SELECT e FROM jsonb_array_elements_text(i.${column}) WITH ORDINALITY AS a(e, n) ORDER BY n) END)`
    : `i.${column}`;
};

/**
 * The first routings' write, many tickets in one statement and one commit, with no transaction around
 * it and no lock taken at read time: each ticket is written (routed columns, `updated_at = now()`), with its decision and its
 * follow-up job, only if its row is still the version it was read at (its own `row_version`); a row
 * that changed writes nothing and is absent from the result, without touching the other rows.
 * `locked` takes the rows in key order and skips a row another transaction holds (it is being changed,
 * so its version would not match after the wait anyway): concurrent batches never wait on each other,
 * so they cannot deadlock. The status is deliberately not tested: the row version is the guard. Any
 * change since the read (a re-routing request, a revocation or tier change re-routing it, another
 * routing) makes a new row version, so nothing is written for that ticket and its job routes it again
 * under the row lock. Every input that could widen the allowed countries is changed only together with
 * such a row change, which is what makes skipping the lock safe. Commits without the WAL flush wait,
 * like every first routing (see lockTicketForRouting): one lost in a crash leaves its ticket `received`.
 */
const SAVE_FIRST_ROUTINGS = sql<{ id: string; updated_at: Date; job_ids: Record<string, string> | null }>(
  'tickets.save_first_routings',
  `
  WITH input AS (
    SELECT * FROM unnest(${BATCH_COLUMNS.map(([, type], k) => `$${k + 1}::${arrayType(type)}[]`).join(', ')})
      AS i(${BATCH_COLUMNS.map(([c]) => c).join(', ')})
  ),
  locked AS (
    SELECT t.id FROM tickets t JOIN input i ON i.id = t.id AND t.xmin = i.row_version::xid
     ORDER BY t.id FOR NO KEY UPDATE OF t SKIP LOCKED
  ),
  updated AS (
    UPDATE tickets t SET ${ROUTED_COLUMNS.map(([c]) => `${c} = ${inputValue(c)}`).join(', ')}, updated_at = now()
      FROM input i JOIN locked l ON l.id = i.id
     WHERE t.id = i.id AND t.xmin = i.row_version::xid
    RETURNING t.id, t.updated_at
  ),
  decided AS (
    INSERT INTO decisions (${DECISION_COLUMNS})
    SELECT i.id, ${BATCH_COLUMNS.filter(([c]) => c.startsWith('d_'))
      .map(([c]) => inputValue(c))
      .join(', ')}
      FROM updated u JOIN input i ON i.id = u.id
  ),
  jobs AS (
    SELECT * FROM unnest(${JOB_COLUMNS.map(([, type], k) => `$${BATCH_COLUMNS.length + k + 1}::${type}[]`).join(', ')})
      AS j(${JOB_COLUMNS.map(([c]) => c).join(', ')})
  ),
  ${outboxInsertRows('staged', `SELECT j.queue, j.job_name, j.job_id, j.payload, j.delay_ms FROM updated u JOIN jobs j ON j.ticket_id = u.id`)}
  SELECT u.id, u.updated_at, set_config('synchronous_commit', 'off', true) AS commit_mode,
      (SELECT jsonb_object_agg(s.job_id, s.id) FROM staged s JOIN jobs j ON j.job_id = s.job_id WHERE j.ticket_id = u.id) AS job_ids
    FROM updated u`,
  { prepare: true },
);

/**
 * Writes the first routings in one round trip: per write, in order, whether it was written (with its
 * jobs, each with its outbox id for the relay) or false when its ticket changed since it was read. A
 * second write for a ticket already in the batch is not sent and answers false, as it would after the
 * first had been written.
 */
export async function saveFirstRoutings(db: Db, writes: FirstRoutingWrite[]): Promise<Array<{ jobs: RelayJob[] } | false>> {
  const seen = new Set<string>();
  const sent = writes.filter((w) => !seen.has(w.read.ticket.id) && seen.add(w.read.ticket.id));
  if (sent.length === 0) return writes.map(() => false);
  const rows = sent.map((w) => [...routingValues(w.read.ticket, w.decision), w.read.version]);
  const params = BATCH_COLUMNS.map(([, type], k) =>
    rows.map((r) => (type === 'text[]' && r[k] !== null ? JSON.stringify(r[k]) : r[k])),
  );
  const jobs = sent.flatMap((w) => (w.jobs ?? []).map((job) => ({ ticketId: w.read.ticket.id, job })));
  params.push(
    jobs.map((j) => j.ticketId),
    jobs.map((j) => j.job.queue),
    jobs.map((j) => j.job.jobName),
    jobs.map((j) => j.job.jobId),
    jobs.map((j) => JSON.stringify(j.job.payload)),
    jobs.map((j) => j.job.delayMs),
  );
  const written = new Map((await run(db, SAVE_FIRST_ROUTINGS, params)).map((r) => [r.id, r]));
  return writes.map((w) => {
    const row = sent.includes(w) ? written.get(w.read.ticket.id) : undefined;
    if (!row) return false;
    w.read.ticket.updatedAt = row.updated_at;
    // Each job's outbox id, so that the relay deletes its row once sent (without one it stays for the safety net).
    return {
      jobs: (w.jobs ?? []).map((job) => ({
        ...job,
        ...(row.job_ids?.[job.jobId] ? { id: String(row.job_ids[job.jobId]) } : {}),
      })),
    };
  });
}
