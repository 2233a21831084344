import { Module } from '@nestjs/common';
import { PrivacyRequestService } from './privacy-request.service';
import { PseudonymService } from './pseudonyms';
import { RetentionService } from './retention.service';

const SERVICES = [PrivacyRequestService, PseudonymService, RetentionService];

@Module({ providers: SERVICES, exports: SERVICES })
export class PrivacyModule {}
