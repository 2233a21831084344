import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ApiError } from '@eea/http';
import { SigningService } from '@eea/signing';
import { TicketEntity } from '@eea/tickets';
import { ConsentEntity } from '@eea/consent';
import { RECEIPT_TYP, receiptClaims } from './consent-receipt-claims';

/**
 * Signed receipts of consents (SPEC 9): issued with every grant, whether a manager recorded it or the
 * customer approved through a link, and stored with the consent so that the same receipt is returned
 * every time (a later key rotation does not re-sign it: the old `kid` stays published).
 */
@Injectable()
export class ConsentReceiptService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly signing: SigningService,
  ) {}

  /** Signs the consent's receipt and stores it, inside the granting transaction. */
  async issue(m: EntityManager, consent: ConsentEntity): Promise<string> {
    const ticket = consent.ticketId
      ? await m.findOne(TicketEntity, {
          where: { id: consent.ticketId },
          select: { id: true, organizationId: true, externalId: true },
        })
      : null;
    const receipt = await this.signing.sign(receiptClaims(consent, ticket), RECEIPT_TYP);
    await m.update(ConsentEntity, { id: consent.id }, { receipt });
    consent.receipt = receipt;
    return receipt;
  }

  /** GET /v1/consents/:id/receipt. A consent granted before receipts existed gets its receipt now. */
  async receiptFor(consentId: string): Promise<{ receipt: string }> {
    return this.dataSource.transaction(async (m) => {
      const consent = await m.findOne(ConsentEntity, { where: { id: consentId }, lock: { mode: 'pessimistic_write' } });
      if (!consent) throw ApiError.notFound('consent');
      return { receipt: consent.receipt ?? (await this.issue(m, consent)) };
    });
  }
}
