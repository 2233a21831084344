import { Module } from '@nestjs/common';
import { ConsentExpiryService } from './consent-expiry.service';

const SERVICES = [ConsentExpiryService];

@Module({ providers: SERVICES, exports: SERVICES })
export class ConsentModule {}
