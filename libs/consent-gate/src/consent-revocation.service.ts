import { Injectable } from '@nestjs/common';
import { AuditService } from '@eea/audit';
import { Clock } from '@eea/config';
import { ConsentEntity, ConsentView, lockConsent, markConsentRevoked, toConsentView } from '@eea/consent';
import { ApiError } from '@eea/http';
import { EventService } from '@eea/outbound';
import { OutboxService, Tx } from '@eea/queue';
import { RouterService } from '@eea/routing';
import { clearLapsedEscalations, lockTicketsCoveredBy } from '@eea/tickets';

/**
 * Revocation takes effect before the response: every ticket the consent covered is locked and
 * re-routed in the revoking transaction, so an agent who was let in only by this consent has lost
 * the ticket (and can no longer read it) by the time the manager sees 200.
 */
@Injectable()
export class ConsentRevocationService {
  constructor(
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
    return this.outbox.inTransaction(async (tx) => {
      const c = await lockConsent(tx.db, consentId);
      if (!c) throw ApiError.notFound('consent');
      if (c.revokedAt) return c;
      const now = this.clock.now();
      Object.assign(c, { revokedAt: now, revokedByTokenId: tokenId });
      await markConsentRevoked(tx.db, c.id, now, tokenId);
      const escalationsCleared = await clearLapsedEscalations(tx.db, c, now);
      const rerouted = await this.rerouteCovered(tx, c, now);
      await this.audit.append(
        {
          actor,
          action: 'consent.revoked',
          subjectType: 'consent',
          subjectId: c.id,
          details: { countries: c.countries, ticketsReevaluated: rerouted, escalationsCleared },
        },
        tx.db,
      );
      await this.events.emit(tx, 'consent.revoked', now, { consentId: c.id, ticketId: c.ticketId, countries: c.countries });
      return c;
    });
  }

  /** Routes every open ticket the consent covered now, under their locks (taken in id order by the ticket store). */
  private async rerouteCovered(tx: Tx, c: ConsentEntity, now: Date): Promise<number> {
    const tickets = await lockTicketsCoveredBy(tx.db, c);
    for (const t of tickets) await this.router.routeLocked(tx, t, now, 'consent_revoked');
    return tickets.length;
  }
}
