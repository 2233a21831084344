import { randomUUID } from 'node:crypto';
import { Db, GroupCommit } from '@eea/database';
import { RelayJob, outboxRow } from '@eea/queue';
import { NewTicketRow, insertNewTicketsWithDeliveries } from '@eea/tickets';
import { IntakeCommand, IntakeResult } from './intake-command';
import { ProvisionalFacts, UNKNOWN_ORGANIZATION } from './provisional-facts';

export type RequesterPseudonyms = [email: string | null, phone: string | null, externalUser: string | null];

export interface NewTicketInput {
  source: string;
  command: IntakeCommand;
  /** Digest of what was signed (a replay under a new delivery id conflicts on it). */
  replayKey: string | null;
  /** Provisional facts per organisation tier; the statement picks the organisation's own. */
  factsByTier: Record<string, ProvisionalFacts>;
  requester: RequesterPseudonyms;
  now: Date;
}

export type NewTicketOutcome = { result: IntakeResult; job: RelayJob } | null;

/**
 * Deliveries gathered per commit. At 500 webhooks/s and a 2–5 ms commit a batch holds a few; the
 * bound keeps one statement's parameter arrays small. The wait only bounds how long a batch waits
 * behind a slow commit before its own write starts beside it.
 */
const MAX_BATCH = 64;
const MAX_WAIT_MS = 10;

/**
 * The common delivery — a new ticket under a new delivery id — written with the other deliveries
 * arriving at the same moment in ONE statement, hence one commit and one WAL flush for all of them
 * (`insertNewTicketsWithDeliveries`, `@eea/tickets`): each delivery record and its ticket at revision 1
 * commit together or not at all, and each caller is answered only after that commit. The answer is
 * null when the delivery or the ticket already exists (or another delivery of the batch names the
 * same ticket): the caller then takes the careful path, which settles duplicates, updates and races.
 *
 * The committed ticket is its own routing request: it stays `received` until the router has decided,
 * so its routing job (known before anything is written: revision 1) is sent after commit without an
 * outbox row, and the sweeper requests routing again for any ticket left `received` (Redis down at
 * that moment, or the process gone before sending).
 */
export function newTicketWriter(db: () => Db): GroupCommit<NewTicketInput, NewTicketOutcome> {
  return new GroupCommit({
    maxBatch: MAX_BATCH,
    maxWaitMs: MAX_WAIT_MS,
    write: async (inputs) => {
      const rows = inputs.map(toRow);
      const written = await insertNewTicketsWithDeliveries(db(), rows, UNKNOWN_ORGANIZATION);
      return rows.map((row, k) => (written[k] ? outcome(row.ticketId) : null));
    },
  });
}

function outcome(ticketId: string): NewTicketOutcome {
  return {
    result: { ticketId, status: 'received', duplicate: false },
    job: outboxRow('route-ticket', { ticketId, revision: 1, reason: 'ticket_received' }),
  };
}

function toRow({ source, command: c, replayKey, factsByTier, requester, now }: NewTicketInput): NewTicketRow {
  return {
    ticketId: randomUUID(),
    source,
    deliveryId: c.deliveryId,
    replayKey,
    externalId: c.externalId,
    externalKey: c.externalKey ?? null,
    organizationId: c.organizationId,
    region: c.region,
    severity: c.severity,
    category: c.category,
    skills: c.skills,
    language: c.language,
    problemRef: c.problemRef,
    flags: c.flags ?? [],
    sourceUpdatedAt: c.updatedAt,
    sourceSentAt: c.sentAt ?? null,
    receivedAt: now,
    requesterEmailHash: requester[0],
    requesterPhoneHash: requester[1],
    requesterExternalHash: requester[2],
    factsByTier,
  };
}
