import { Module } from '@nestjs/common';
import { RoutingModule } from '@eea/routing';
import { ConsentModule } from '@eea/consent';
import { ConsentExpiryService } from './consent-expiry.service';
import { ConsentReceiptService } from './receipts/consent-receipt.service';
import { ConsentGrantService } from './consent-grant.service';
import { ConsentListService } from './consent-list.service';
import { ConsentRevocationService } from './consent-revocation.service';
import { EscalationService } from './escalation.service';

const SERVICES = [
  ConsentGrantService,
  ConsentRevocationService,
  EscalationService,
  ConsentExpiryService,
  ConsentReceiptService,
  ConsentListService,
];

/** The consent gate: escalations, grants, revocations and expiries, which re-route tickets through the router. */
@Module({ imports: [ConsentModule, RoutingModule], providers: SERVICES, exports: [...SERVICES, ConsentModule] })
export class ConsentGateModule {}
