import { Module } from '@nestjs/common';
import { ConsentQueryService } from './consent-query.service';
import { ConsentRequestService } from './consent-request.service';

/**
 * The consent records themselves. Granting, revoking, escalating and expiring re-route tickets and so
 * sit one layer up, in @eea/consent-gate: routing reads consents through this lib, so it must not
 * depend on routing (nor on any other domain lib).
 */
const SERVICES = [ConsentRequestService, ConsentQueryService];

@Module({ providers: SERVICES, exports: SERVICES })
export class ConsentModule {}
