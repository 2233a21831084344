import { Injectable } from '@nestjs/common';
import { AuditService } from '@eea/audit';
import { Clock } from '@eea/config';
import { lapsedConsentIds, lockConsent, markConsentExpiryProcessed } from '@eea/consent';
import { EventService } from '@eea/outbound';
import { OutboxService, outboxRow } from '@eea/queue';
import { clearLapsedEscalations, requestRouting } from '@eea/tickets';

/** How many lapsed consents one sweep hands to expiry jobs. */
const SWEEP_BATCH = 100;

/**
 * Runs at a consent's expiresAt (delayed job, backed by the sweep duty `expireLapsed`). Claims and reads
 * already stop honouring the consent at that instant; this re-routes what it covered so held tickets are
 * taken back (through route jobs: expiry has no caller waiting, unlike a revocation, which re-routes in
 * its own transaction).
 */
@Injectable()
export class ConsentExpiryService {
  constructor(
    private readonly outbox: OutboxService,
    private readonly events: EventService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Returns false when the consent is not due yet (the job fired early or expiresAt moved). */
  async expire(consentId: string): Promise<boolean> {
    return this.outbox.inTransaction(async (tx) => {
      const consent = await lockConsent(tx.db, consentId);
      const now = this.clock.now();
      if (!consent || consent.revokedAt || consent.expiryProcessedAt) return true;
      if (consent.expiresAt > now) return false;
      consent.expiryProcessedAt = now;
      await markConsentExpiryProcessed(tx.db, consent.id, now);
      const escalationsCleared = await clearLapsedEscalations(tx.db, consent, now);
      const rerouted = await requestRouting(tx, 'consent_expired', { kind: 'covered-by', consent });
      await this.audit.append(
        {
          actor: 'system',
          action: 'consent.expired',
          subjectType: 'consent',
          subjectId: consent.id,
          details: { countries: consent.countries, ticketsReevaluated: rerouted.length, escalationsCleared },
        },
        tx.db,
      );
      await this.events.emit(tx, 'consent.expired', now, {
        consentId: consent.id,
        ticketId: consent.ticketId,
        countries: consent.countries,
      });
      return true;
    });
  }

  /**
   * Sweep duty: consents past their expiry whose expiry job was lost (never processed) get a new
   * `expire-consent` job, at most SWEEP_BATCH per call, in one transaction. Returns how many.
   */
  async expireLapsed(now: Date): Promise<number> {
    return this.outbox.inTransaction(async (tx) => {
      const ids = await lapsedConsentIds(tx.db, now, SWEEP_BATCH);
      await tx.stageAll(ids.map((consentId) => outboxRow('expire-consent', { consentId })));
      return ids.length;
    });
  }
}
