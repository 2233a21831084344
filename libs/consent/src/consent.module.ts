import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConsentQueryService } from './consent-query.service';
import { ConsentRequestService } from './consent-request.service';
import { ConsentRequestEntity } from './consent-request.entity';
import { ConsentEntity } from './consent.entity';

/**
 * The consent records themselves. Granting, revoking, escalating and expiring re-route tickets and so
 * sit one layer up, in @eea/consent-gate: routing reads consents through this lib, so it must not
 * depend on routing (nor on any other domain lib).
 */
const SERVICES = [ConsentRequestService, ConsentQueryService];

@Module({ imports: [TypeOrmModule.forFeature([ConsentEntity, ConsentRequestEntity])], providers: SERVICES, exports: SERVICES })
export class ConsentModule {}
