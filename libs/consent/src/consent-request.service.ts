import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '@eea/audit';
import { Clock } from '@eea/config';
import { queryRows } from '@eea/database';
import { ConsentRequestEntity, ConsentRequestStatus } from './consent-request.entity';
import { toConsentRequestView } from './consent-view';

/** How many requests one listing returns: a pending list longer than this is an operational problem of its own. */
const LIST_LIMIT = 500;

/** Consent requests raised by escalations: what managers see, and their lapse after CONSENT_REQUEST_TTL_SECONDS. */
@Injectable()
export class ConsentRequestService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Pending requests are lapsed lazily here too, so a list never shows one past its expiresAt. */
  async list(status: ConsentRequestStatus = 'pending') {
    await this.expireDue();
    const rows = await this.dataSource
      .getRepository(ConsentRequestEntity)
      .find({ where: { status }, order: { createdAt: 'ASC', id: 'ASC' }, take: LIST_LIMIT });
    return { items: rows.map(toConsentRequestView) };
  }

  /** Marks pending requests past their expiresAt as expired (also run by the sweeper). Returns how many. */
  async expireDue(): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      const rows = await queryRows<{ id: string; ticket_id: string }>(
        m,
        `UPDATE consent_requests SET status = 'expired'
          WHERE id IN (SELECT id FROM consent_requests WHERE status = 'pending' AND expires_at <= $1 LIMIT 1000 FOR UPDATE SKIP LOCKED)
          RETURNING id, ticket_id`,
        [this.clock.now()],
      );
      for (const r of rows) {
        await this.audit.append(
          {
            actor: 'system',
            action: 'consent_request.expired',
            subjectType: 'consent_request',
            subjectId: r.id,
            details: { ticketId: r.ticket_id },
          },
          m,
        );
      }
      return rows.length;
    });
  }
}
