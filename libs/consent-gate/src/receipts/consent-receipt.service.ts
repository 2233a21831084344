import { Injectable } from '@nestjs/common';
import { ConsentEntity, lockConsent, setConsentReceipt } from '@eea/consent';
import { ApiError } from '@eea/http';
import { OutboxService, Tx } from '@eea/queue';
import { SigningService } from '@eea/signing';
import { consentTicketSummary } from '@eea/tickets';
import { RECEIPT_TYP, receiptClaims } from './consent-receipt-claims';

/**
 * Signed receipts of consents (SPEC 9): issued with every grant, whether a manager recorded it or the
 * customer approved through a link, and stored with the consent so that the same receipt is returned
 * every time (a later key rotation does not re-sign it: the old `kid` stays published).
 */
@Injectable()
export class ConsentReceiptService {
  constructor(
    private readonly outbox: OutboxService,
    private readonly signing: SigningService,
  ) {}

  /** Signs the consent's receipt and stores it, inside the granting transaction. */
  async issue(tx: Tx, consent: ConsentEntity): Promise<string> {
    const ticket = consent.ticketId ? ((await consentTicketSummary(tx.db, consent.ticketId)) ?? null) : null;
    const receipt = await this.signing.sign(receiptClaims(consent, ticket), RECEIPT_TYP);
    await setConsentReceipt(tx.db, consent.id, receipt);
    consent.receipt = receipt;
    return receipt;
  }

  /** GET /v1/consents/:id/receipt. A consent granted before receipts existed gets its receipt now. */
  async receiptFor(consentId: string): Promise<{ receipt: string }> {
    return this.outbox.inTransaction(async (tx) => {
      const consent = await lockConsent(tx.db, consentId);
      if (!consent) throw ApiError.notFound('consent');
      return { receipt: consent.receipt ?? (await this.issue(tx, consent)) };
    });
  }
}
