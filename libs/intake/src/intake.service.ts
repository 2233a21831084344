import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, PolicyStore } from '@eea/config';
import { queryRows } from '@eea/database';
import { Tier } from '@eea/policy';
import { PseudonymService } from '@eea/privacy';
import { RelayJob, OutboxService } from '@eea/queue';
import { TicketEntity, routeAgain } from '@eea/tickets';
import { deliveryIsNewer } from './delivery-order';
import { IntakeCommand, IntakeResult } from './intake-command';
import { adoptLegacyJiraTicket } from './jira-identity';
import { RequesterPseudonyms, newTicketWriter } from './new-ticket-insert';
import { provisionalFacts, provisionalFactsByTier } from './provisional-facts';
import { ticketChange } from './ticket-change';

/**
 * Stores one normalised delivery: the idempotency record, the ticket change and its routing request
 * commit together, and only then is the delivery acknowledged. Duplicates, replays and races are
 * settled by database constraints, so the answer holds across restarts and concurrent deliveries.
 */
@Injectable()
export class IntakeService {
  /** New tickets of concurrent deliveries, written together: one commit for all (group commit). */
  private readonly newTickets = newTicketWriter(() => this.dataSource.manager);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly policy: PolicyStore,
    private readonly pseudonyms: PseudonymService,
    private readonly clock: Clock,
  ) {}

  /** `replayKey`: digest of what was signed; the same signed message under another delivery id is a duplicate. */
  async ingest(source: string, command: IntakeCommand, replayKey: string | null = null): Promise<IntakeResult> {
    const created =
      command.event === 'ticket.created' && !command.organizationIds?.length
        ? await this.createAtOnce(source, command, replayKey)
        : null;
    if (created) {
      await this.outbox.flush([created.job]);
      return created.result;
    }
    const staged: RelayJob[] = [];
    const result = await this.dataSource.transaction((m) => this.ingestIn(m, source, command, replayKey, staged));
    await this.outbox.flush(staged);
    return result;
  }

  /** The common case in one round trip; null when the delivery or the ticket already exists. */
  private createAtOnce(source: string, command: IntakeCommand, replayKey: string | null) {
    return this.newTickets.submit({
      source,
      command,
      replayKey,
      now: this.clock.now(),
      factsByTier: provisionalFactsByTier(this.policy.current(), command),
      requester: this.requesterPseudonyms(source, command),
    });
  }

  /** The careful path: duplicates, updates, closures and every race the single statement declined. */
  private async ingestIn(
    m: EntityManager,
    source: string,
    c: IntakeCommand,
    replayKey: string | null,
    staged: RelayJob[],
  ): Promise<IntakeResult> {
    // Claim the delivery first: a concurrent duplicate or replay blocks here until we commit, then replays our answer.
    const claimed = await queryRows(
      m,
      `INSERT INTO webhook_deliveries (source, delivery_id, ticket_id, status, replay_key) VALUES ($1, $2, gen_random_uuid(), 'received', $3)
        ON CONFLICT DO NOTHING RETURNING delivery_id`,
      [source, c.deliveryId, replayKey],
    );
    if (claimed.length === 0) {
      const [first] = await queryRows<{ ticket_id: string; status: string }>(
        m,
        `SELECT ticket_id, status FROM webhook_deliveries WHERE source = $1 AND (delivery_id = $2 OR replay_key = $3)
          ORDER BY delivery_id = $2 DESC LIMIT 1`,
        [source, c.deliveryId, replayKey],
      );
      return { ticketId: first.ticket_id, status: first.status, duplicate: true };
    }
    const now = this.clock.now();
    await adoptLegacyJiraTicket(m, source, c);
    const created = await this.insertTicket(m, source, c, now);
    const ticket = created ?? (await this.updateTicket(m, source, c, now, staged));
    if (created) staged.push(...(await routeAgain(m, 'ticket_received', { kind: 'tickets', ids: [created.id] })));
    await m.query('UPDATE webhook_deliveries SET ticket_id = $3, status = $4 WHERE source = $1 AND delivery_id = $2', [
      source,
      c.deliveryId,
      ticket.id,
      ticket.status,
    ]);
    return { ticketId: ticket.id, status: ticket.status, duplicate: false };
  }

  /** Creates the ticket unless (source, externalId) exists; a concurrent creator makes this wait, then yield. */
  private async insertTicket(
    m: EntityManager,
    source: string,
    c: IntakeCommand,
    now: Date,
  ): Promise<{ id: string; status: string } | null> {
    const facts = provisionalFacts(this.policy.current(), c, await this.organisationTier(m, c));
    const status = c.event === 'ticket.closed' && c.statusKnown !== false ? 'resolved' : 'received';
    const rows = await queryRows<{ id: string; status: string }>(
      m,
      `INSERT INTO tickets (source, external_id, external_key, organization_id, organization_ids, region, region_country, jurisdiction,
          tier, severity, category, skills, language, problem_ref, status, flags, source_updated_at, source_sent_at, waiting_since,
          resolved_at, requester_email_hash, requester_phone_hash, requester_external_hash)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23)
        ON CONFLICT (source, external_id) DO NOTHING RETURNING id, status`,
      [
        source,
        c.externalId,
        c.externalKey ?? null,
        c.organizationId,
        c.organizationIds?.length ? c.organizationIds : null,
        c.region,
        facts.regionCountry,
        facts.jurisdiction,
        facts.tier,
        c.severity,
        c.category,
        c.skills,
        c.language,
        c.problemRef,
        status,
        [...new Set([...facts.flags, ...(c.flags ?? [])])],
        c.updatedAt,
        c.sentAt ?? null,
        now,
        status === 'resolved' ? now : null,
        ...this.requesterPseudonyms(source, c),
      ],
    );
    return rows[0] ?? null;
  }

  /** Applies a change to the existing ticket only if the delivery is newer than what it holds. */
  private async updateTicket(m: EntityManager, source: string, c: IntakeCommand, now: Date, staged: RelayJob[]) {
    const ticket = await m.findOneOrFail(TicketEntity, {
      where: { source, externalId: c.externalId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!deliveryIsNewer(ticket, c)) return ticket;
    const [email, phone, external] = this.requesterPseudonyms(source, c);
    const change = ticketChange(ticket, c, now, { email, phone, external });
    if (Object.keys(change.patch).length > 0) await m.update(TicketEntity, { id: ticket.id }, change.patch);
    if (change.reroute) staged.push(...(await routeAgain(m, 'ticket_updated', { kind: 'tickets', ids: [ticket.id] })));
    return { id: ticket.id, status: change.patch.status ?? ticket.status };
  }

  /** The organisation's tier; with several, the most restrictive, and unknown if any one is unknown (fail closed). */
  private async organisationTier(m: EntityManager, c: IntakeCommand): Promise<Tier | null> {
    const ids = c.organizationIds?.length ? c.organizationIds : c.organizationId ? [c.organizationId] : [];
    if (ids.length === 0) return null;
    const rows = await queryRows<{ support_tier: Tier }>(m, 'SELECT support_tier FROM organizations WHERE id = ANY($1)', [ids]);
    if (rows.length < ids.length) return null;
    return rows.some((r) => r.support_tier === 'eea_only') ? 'eea_only' : rows[0].support_tier;
  }

  private requesterPseudonyms(source: string, c: IntakeCommand): RequesterPseudonyms {
    return [
      c.requesterEmail ? this.pseudonyms.pseudonymise('email', c.requesterEmail) : null,
      c.requesterPhone ? this.pseudonyms.pseudonymise('phone', c.requesterPhone) : null,
      c.requesterExternalId ? this.pseudonyms.pseudonymise('external_user', `${source}:${c.requesterExternalId}`) : null,
    ];
  }
}
