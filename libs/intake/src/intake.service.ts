import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { organizationFacts } from '@eea/agents';
import { Clock, PolicyStore } from '@eea/config';
import { Tier } from '@eea/policy';
import { PseudonymService } from '@eea/privacy';
import { OutboxService, Tx } from '@eea/queue';
import { adoptLegacyJiraTicket, applyIntakeChange, insertIntakeTicket, lockTicketBySource, requestRouting } from '@eea/tickets';
import { deliveryIsNewer } from './delivery-order';
import { IntakeCommand, IntakeResult } from './intake-command';
import { isLegacyJiraDelivery } from './jira-identity';
import { RequesterPseudonyms, newTicketWriter } from './new-ticket-insert';
import { provisionalFacts, provisionalFactsByTier } from './provisional-facts';
import { ticketChange } from './ticket-change';
import { claimDelivery, firstAnswer, recordAnswer } from './webhook-delivery.repository';

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
      this.outbox.relayCommitted([created.job]);
      return created.result;
    }
    return this.outbox.inTransaction((tx) => this.ingestIn(tx, source, command, replayKey));
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
  private async ingestIn(tx: Tx, source: string, c: IntakeCommand, replayKey: string | null): Promise<IntakeResult> {
    // Claim the delivery first: a concurrent duplicate or replay blocks here until we commit, then replays our answer.
    if (!(await claimDelivery(tx.db, source, c.deliveryId, replayKey))) {
      return { ...(await firstAnswer(tx.db, source, c.deliveryId, replayKey)), duplicate: true };
    }
    const now = this.clock.now();
    if (isLegacyJiraDelivery(source, c)) await adoptLegacyJiraTicket(tx.db, c.externalId, c.externalKey!);
    const created = await this.insertTicket(tx, source, c, now);
    const ticket = created ?? (await this.updateTicket(tx, source, c, now));
    if (created) await requestRouting(tx, 'ticket_received', { kind: 'tickets', ids: [created.id] });
    await recordAnswer(tx.db, { source, deliveryId: c.deliveryId }, { ticketId: ticket.id, status: ticket.status });
    return { ticketId: ticket.id, status: ticket.status, duplicate: false };
  }

  /** Creates the ticket unless (source, externalId) exists; a concurrent creator makes this wait, then yield. */
  private async insertTicket(
    tx: Tx,
    source: string,
    c: IntakeCommand,
    now: Date,
  ): Promise<{ id: string; status: string } | null> {
    const facts = provisionalFacts(this.policy.current(), c, await this.organisationTier(tx, c));
    const status = c.event === 'ticket.closed' && c.statusKnown !== false ? 'resolved' : 'received';
    const [requesterEmailHash, requesterPhoneHash, requesterExternalHash] = this.requesterPseudonyms(source, c);
    return insertIntakeTicket(tx.db, {
      source,
      externalId: c.externalId,
      externalKey: c.externalKey ?? null,
      organizationId: c.organizationId,
      organizationIds: c.organizationIds?.length ? c.organizationIds : null,
      region: c.region,
      regionCountry: facts.regionCountry,
      jurisdiction: facts.jurisdiction,
      tier: facts.tier,
      severity: c.severity,
      category: c.category,
      skills: c.skills,
      language: c.language,
      problemRef: c.problemRef,
      status,
      flags: [...new Set([...facts.flags, ...(c.flags ?? [])])],
      sourceUpdatedAt: c.updatedAt,
      sourceSentAt: c.sentAt ?? null,
      waitingSince: now,
      resolvedAt: status === 'resolved' ? now : null,
      requesterEmailHash,
      requesterPhoneHash,
      requesterExternalHash,
    });
  }

  /** Applies a change to the existing ticket only if the delivery is newer than what it holds. */
  private async updateTicket(tx: Tx, source: string, c: IntakeCommand, now: Date) {
    const ticket = await lockTicketBySource(tx.db, source, c.externalId);
    if (!deliveryIsNewer(ticket, c)) return ticket;
    const [email, phone, external] = this.requesterPseudonyms(source, c);
    const change = ticketChange(ticket, c, now, { email, phone, external });
    await applyIntakeChange(tx.db, ticket.id, change.patch);
    if (change.reroute) await requestRouting(tx, 'ticket_updated', { kind: 'tickets', ids: [ticket.id] });
    return { id: ticket.id, status: change.patch.status ?? ticket.status };
  }

  /** The organisation's tier; with several, the most restrictive, and unknown if any one is unknown (fail closed). */
  private async organisationTier(tx: Tx, c: IntakeCommand): Promise<Tier | null> {
    const ids = c.organizationIds?.length ? c.organizationIds : c.organizationId ? [c.organizationId] : [];
    if (ids.length === 0) return null;
    const tiers = (await organizationFacts(tx.db, ids)).map((o) => o.supportTier);
    if (tiers.length < ids.length) return null;
    return tiers.some((t) => t === 'eea_only') ? 'eea_only' : tiers[0];
  }

  private requesterPseudonyms(source: string, c: IntakeCommand): RequesterPseudonyms {
    return [
      c.requesterEmail ? this.pseudonyms.pseudonymise('email', c.requesterEmail) : null,
      c.requesterPhone ? this.pseudonyms.pseudonymise('phone', c.requesterPhone) : null,
      c.requesterExternalId ? this.pseudonyms.pseudonymise('external_user', `${source}:${c.requesterExternalId}`) : null,
    ];
  }
}
