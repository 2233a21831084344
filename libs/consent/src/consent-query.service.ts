import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource } from 'typeorm';
import { Clock } from '@eea/config';
import { ConsentEntity } from './consent.entity';
import { ConsentView, toConsentView } from './consent-view';

/** One answer is at most this many consents, newest first; narrow with the filters beyond it. */
const LIST_LIMIT = 1000;

export interface ConsentFilter {
  active?: boolean;
  ticketId?: string;
  organizationId?: string;
}

/** Consents as managers and auditors look them up: what is active now, what covers a ticket or an organisation. */
@Injectable()
export class ConsentQueryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async list(filter: ConsentFilter): Promise<{ items: ConsentView[] }> {
    const now = this.clock.now();
    const q = this.dataSource
      .getRepository(ConsentEntity)
      .createQueryBuilder('c')
      .orderBy('c.granted_at', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .take(LIST_LIMIT);
    const active = 'c.revoked_at IS NULL AND c.granted_at <= :now AND c.expires_at > :now';
    if (filter.active === true) q.andWhere(active, { now });
    if (filter.active === false) q.andWhere(`NOT (${active})`, { now });
    // A ticket is covered by its own consents and by its organisation's consents for its problem.
    if (filter.ticketId) {
      q.andWhere(
        new Brackets((w) =>
          w
            .where('c.ticket_id = :ticketId')
            .orWhere(
              `EXISTS (SELECT 1 FROM tickets t WHERE t.id = :ticketId AND t.organization_id = c.organization_id AND t.problem_ref = c.problem_ref)`,
            ),
        ),
        { ticketId: filter.ticketId },
      );
      q.setParameter('ticketId', filter.ticketId);
    }
    if (filter.organizationId) {
      q.andWhere(
        new Brackets((w) =>
          w
            .where('c.organization_id = :org')
            .orWhere('EXISTS (SELECT 1 FROM tickets t WHERE t.id = c.ticket_id AND t.organization_id = :org)'),
        ),
      );
      q.setParameter('org', filter.organizationId);
    }
    return { items: (await q.getMany()).map((c) => toConsentView(c, now)) };
  }
}
