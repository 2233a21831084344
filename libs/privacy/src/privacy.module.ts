import { Module } from '@nestjs/common';
import { RetentionService } from './retention.service';

const SERVICES = [RetentionService];

@Module({ providers: SERVICES, exports: SERVICES })
export class PrivacyModule {}
