import { Global, Module } from '@nestjs/common';
import { AuditCheckpointService } from './audit-checkpoint.service';
import { AuditService } from './audit.service';

const SERVICES = [AuditService, AuditCheckpointService];

@Global()
@Module({ providers: SERVICES, exports: SERVICES })
export class AuditModule {}
