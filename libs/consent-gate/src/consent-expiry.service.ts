import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '@eea/audit';
import { Clock } from '@eea/config';
import { EventService } from '@eea/outbound';
import { OutboxService, RelayJob } from '@eea/queue';
import { routeAgain } from '@eea/tickets';
import { ConsentEntity } from '@eea/consent';
import { clearLapsedEscalations } from '@eea/consent';

/**
 * Runs at a consent's expiresAt (delayed job, backed by the sweeper). Claims and reads already stop
 * honouring the consent at that instant; this re-routes what it covered so held tickets are taken back
 * (through route jobs: expiry has no caller waiting, unlike a revocation, which re-routes in its own transaction).
 */
@Injectable()
export class ConsentExpiryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly events: EventService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Returns false when the consent is not due yet (the job fired early or expiresAt moved). */
  async expire(consentId: string): Promise<boolean> {
    const staged: RelayJob[] = [];
    const done = await this.dataSource.transaction(async (m) => {
      const consent = await m.findOne(ConsentEntity, { where: { id: consentId }, lock: { mode: 'pessimistic_write' } });
      const now = this.clock.now();
      if (!consent || consent.revokedAt || consent.expiryProcessedAt) return true;
      if (consent.expiresAt > now) return false;
      consent.expiryProcessedAt = now;
      await m.save(consent);
      const escalationsCleared = await clearLapsedEscalations(m, consent, now);
      staged.push(...(await routeAgain(m, 'consent_expired', { kind: 'covered-by', consent })));
      await this.audit.append(
        {
          actor: 'system',
          action: 'consent.expired',
          subjectType: 'consent',
          subjectId: consent.id,
          details: { countries: consent.countries, ticketsReevaluated: staged.length, escalationsCleared },
        },
        m,
      );
      staged.push(
        ...(await this.events.stage(m, 'consent.expired', now, {
          consentId: consent.id,
          ticketId: consent.ticketId,
          countries: consent.countries,
        })),
      );
      return true;
    });
    await this.outbox.flush(staged);
    return done;
  }
}
