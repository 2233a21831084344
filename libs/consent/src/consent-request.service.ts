import { Injectable } from '@nestjs/common';
import { AuditService } from '@eea/audit';
import { Clock } from '@eea/config';
import { OutboxService } from '@eea/queue';
import { ConsentRequestStatus } from './consent-request.entity';
import { expireDueConsentRequests, listConsentRequests } from './consent-request.repository';
import { toConsentRequestView } from './consent-view';

/** How many requests one listing returns: a pending list longer than this is an operational problem of its own. */
const LIST_LIMIT = 500;
/** How many requests one pass lapses. */
const EXPIRE_BATCH = 1000;

/** Consent requests raised by escalations: what managers see, and their lapse after CONSENT_REQUEST_TTL_SECONDS. */
@Injectable()
export class ConsentRequestService {
  constructor(
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Pending requests are lapsed lazily here too, so a list never shows one past its expiresAt. */
  async list(status: ConsentRequestStatus = 'pending') {
    await this.expireDue();
    const rows = await listConsentRequests(this.outbox.db, status, LIST_LIMIT);
    return { items: rows.map(toConsentRequestView) };
  }

  /** Marks pending requests past their expiresAt as expired (also run by the sweeper). Returns how many. */
  async expireDue(): Promise<number> {
    return this.outbox.inTransaction(async (tx) => {
      const rows = await expireDueConsentRequests(tx.db, this.clock.now(), EXPIRE_BATCH);
      for (const r of rows) {
        await this.audit.append(
          {
            actor: 'system',
            action: 'consent_request.expired',
            subjectType: 'consent_request',
            subjectId: r.id,
            details: { ticketId: r.ticketId },
          },
          tx.db,
        );
      }
      return rows.length;
    });
  }
}
