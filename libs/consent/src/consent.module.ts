import { Module } from '@nestjs/common';
import { ConsentExpiryService } from './consent-expiry.service';
import { ConsentQueryService } from './consent-query.service';
import { ConsentRequestService } from './consent-request.service';

/**
 * The consent records themselves. Granting, revoking and escalating re-route tickets and so sit one
 * layer up, in `gate/` (ConsentGateModule): routing reads consents through this module, so this one
 * must not depend on routing.
 */
const SERVICES = [ConsentExpiryService, ConsentRequestService, ConsentQueryService];

@Module({ providers: SERVICES, exports: SERVICES })
export class ConsentModule {}
