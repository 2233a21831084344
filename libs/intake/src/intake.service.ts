import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { OrganizationEntity } from '@eea/agents';
import { Clock, PolicyStore } from '@eea/config';
import { queryRows } from '@eea/database';
import { Tier } from '@eea/policy';
import { PseudonymService } from '@eea/privacy';
import { OutboxEntity, OutboxService, requestRouting } from '@eea/queue';
import { TicketEntity } from '@eea/tickets';
import { IntakeCommand, IntakeResult } from './intake-command';
import { insertNewTicket } from './new-ticket-insert';
import { provisionalFacts, provisionalFactsByTier } from './provisional-facts';
import { ticketChange } from './ticket-change';

/**
 * Stores one normalised delivery: the idempotency record, the ticket change and its routing request
 * commit together, and only then is the delivery acknowledged. Duplicates and races are settled by
 * database constraints, so the answer holds across restarts and concurrent deliveries.
 */
@Injectable()
export class IntakeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly policy: PolicyStore,
    private readonly pseudonyms: PseudonymService,
    private readonly clock: Clock,
  ) {}

  async ingest(source: string, command: IntakeCommand): Promise<IntakeResult> {
    const created = command.event === 'ticket.created' ? await this.createAtOnce(source, command) : null;
    if (created) {
      await this.outbox.flush([created.job]);
      return created.result;
    }
    const staged: OutboxEntity[] = [];
    const result = await this.dataSource.transaction((m) => this.ingestIn(m, source, command, staged));
    await this.outbox.flush(staged);
    return result;
  }

  /** The common case in one round trip; null when the delivery or the ticket already exists. */
  private createAtOnce(source: string, command: IntakeCommand) {
    const now = this.clock.now();
    return insertNewTicket(this.dataSource, {
      source, command, now, factsByTier: provisionalFactsByTier(this.policy.current(), command),
      requester: this.requesterPseudonyms(command),
    });
  }

  /** The careful path: duplicates, updates, closures and every race the single statement declined. */
  private async ingestIn(m: EntityManager, source: string, c: IntakeCommand, staged: OutboxEntity[]): Promise<IntakeResult> {
    // Claim the delivery first: a concurrent duplicate blocks here until we commit, then replays our answer.
    const claimed = await queryRows(m,
      `INSERT INTO webhook_deliveries (source, delivery_id, ticket_id, status) VALUES ($1, $2, gen_random_uuid(), 'received')
        ON CONFLICT (source, delivery_id) DO NOTHING RETURNING delivery_id`, [source, c.deliveryId]);
    if (claimed.length === 0) {
      const [first] = await queryRows<{ ticket_id: string; status: string }>(m,
        'SELECT ticket_id, status FROM webhook_deliveries WHERE source = $1 AND delivery_id = $2', [source, c.deliveryId]);
      return { ticketId: first.ticket_id, status: first.status, duplicate: true };
    }
    const now = this.clock.now();
    const created = await this.insertTicket(m, source, c, now);
    const ticket = created ?? (await this.updateTicket(m, source, c, now, staged));
    if (created) staged.push(...(await requestRouting(this.outbox, m, 'ticket_received', 't.id = $1', [created.id])));
    await m.query('UPDATE webhook_deliveries SET ticket_id = $3, status = $4 WHERE source = $1 AND delivery_id = $2',
      [source, c.deliveryId, ticket.id, ticket.status]);
    return { ticketId: ticket.id, status: ticket.status, duplicate: false };
  }

  /** Creates the ticket unless (source, externalId) exists; a concurrent creator makes this wait, then yield. */
  private async insertTicket(m: EntityManager, source: string, c: IntakeCommand, now: Date): Promise<{ id: string; status: string } | null> {
    const facts = await this.initialFacts(m, c);
    const status = c.event === 'ticket.closed' ? 'resolved' : 'received';
    const rows = await queryRows<{ id: string; status: string }>(m,
      `INSERT INTO tickets (source, external_id, organization_id, region, region_country, jurisdiction, tier, severity,
          category, skills, language, problem_ref, status, flags, source_updated_at, waiting_since, resolved_at,
          requester_email_hash, requester_phone_hash)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
        ON CONFLICT (source, external_id) DO NOTHING RETURNING id, status`,
      [source, c.externalId, c.organizationId, c.region, facts.regionCountry, facts.jurisdiction, facts.tier, c.severity,
        c.category, c.skills, c.language, c.problemRef, status, facts.flags, c.updatedAt, now,
        status === 'resolved' ? now : null, ...this.requesterPseudonyms(c)]);
    return rows[0] ?? null;
  }

  /** Applies a change to the existing ticket unless the source says it is older than what we hold. */
  private async updateTicket(m: EntityManager, source: string, c: IntakeCommand, now: Date, staged: OutboxEntity[]) {
    const ticket = await m.findOneOrFail(TicketEntity, { where: { source, externalId: c.externalId }, lock: { mode: 'pessimistic_write' } });
    if (c.updatedAt.getTime() < ticket.sourceUpdatedAt.getTime()) return ticket;
    const [email, phone] = this.requesterPseudonyms(c);
    const change = ticketChange(ticket, c, now, { email, phone });
    if (Object.keys(change.patch).length > 0) await m.update(TicketEntity, { id: ticket.id }, change.patch);
    if (change.reroute) staged.push(...(await requestRouting(this.outbox, m, 'ticket_updated', 't.id = $1', [ticket.id])));
    return { id: ticket.id, status: change.patch.status ?? ticket.status };
  }

  private async initialFacts(m: EntityManager, c: IntakeCommand) {
    const org = c.organizationId
      ? await m.findOne(OrganizationEntity, { where: { id: c.organizationId }, select: { supportTier: true } })
      : null;
    return provisionalFacts(this.policy.current(), c, (org?.supportTier as Tier) ?? null);
  }

  private requesterPseudonyms(c: IntakeCommand): [string | null, string | null] {
    return [
      c.requesterEmail ? this.pseudonyms.pseudonymise('email', c.requesterEmail) : null,
      c.requesterPhone ? this.pseudonyms.pseudonymise('phone', c.requesterPhone) : null,
    ];
  }
}
