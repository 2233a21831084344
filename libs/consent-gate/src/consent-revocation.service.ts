import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '@eea/audit';
import { Clock } from '@eea/config';
import { ApiError } from '@eea/http';
import { EventService } from '@eea/outbound';
import { RelayJob, OutboxService } from '@eea/queue';
import { RouterService } from '@eea/routing';
import { TicketEntity } from '@eea/tickets';
import { clearLapsedEscalations, coveredTicketsWhere } from '@eea/consent';
import { ConsentEntity } from '@eea/consent';
import { ConsentView, toConsentView } from '@eea/consent';

/**
 * Revocation takes effect before the response: every ticket the consent covered is locked and
 * re-routed in the revoking transaction, so an agent who was let in only by this consent has lost
 * the ticket (and can no longer read it) by the time the manager sees 200.
 */
@Injectable()
export class ConsentRevocationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly router: RouterService,
    private readonly outbox: OutboxService,
    private readonly events: EventService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * Idempotent: revoking a revoked consent answers with the first revocation. `tokenId` is the
   * manager's token; a customer revoking through their approval link has none and is named by `actor`.
   */
  async revoke(consentId: string, tokenId: string | null, actor: string = tokenId ?? 'system'): Promise<ConsentView> {
    return toConsentView(await this.revokeEntity(consentId, tokenId, actor), this.clock.now());
  }

  async revokeEntity(consentId: string, tokenId: string | null, actor: string): Promise<ConsentEntity> {
    const staged: RelayJob[] = [];
    const consent = await this.dataSource.transaction(async (m) => {
      const c = await m.findOne(ConsentEntity, { where: { id: consentId }, lock: { mode: 'pessimistic_write' } });
      if (!c) throw ApiError.notFound('consent');
      if (c.revokedAt) return c;
      const now = this.clock.now();
      Object.assign(c, { revokedAt: now, revokedByTokenId: tokenId });
      await m.save(c);
      const escalationsCleared = await clearLapsedEscalations(m, c, now);
      const rerouted = await this.rerouteCovered(m, c, now, staged);
      await this.audit.append(
        {
          actor,
          action: 'consent.revoked',
          subjectType: 'consent',
          subjectId: c.id,
          details: { countries: c.countries, ticketsReevaluated: rerouted, escalationsCleared },
        },
        m,
      );
      staged.push(
        ...(await this.events.stage(m, 'consent.revoked', now, {
          consentId: c.id,
          ticketId: c.ticketId,
          countries: c.countries,
        })),
      );
      return c;
    });
    await this.outbox.flush(staged);
    return consent;
  }

  /** Locks in id order (as every multi-ticket lock here does) so that two revocations cannot deadlock. */
  private async rerouteCovered(m: EntityManager, c: ConsentEntity, now: Date, staged: RelayJob[]): Promise<number> {
    const { where, params } = coveredTicketsWhere(c);
    const rows: Array<{ id: string }> = await m.query(
      `SELECT t.id FROM tickets t WHERE (${where}) AND t.status <> 'resolved' ORDER BY t.id FOR UPDATE`,
      params,
    );
    if (rows.length === 0) return 0;
    const tickets = await m.find(TicketEntity, { where: { id: In(rows.map((r) => r.id)) }, order: { id: 'ASC' } });
    for (const t of tickets) staged.push(...(await this.router.routeLocked(m, t, now, 'consent_revoked')));
    return tickets.length;
  }
}
