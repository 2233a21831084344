import { Global, Module } from '@nestjs/common';
import { AuditCheckpointService } from './audit-checkpoint.service';
import { AuditService } from './audit.service';
import { TransferLogService } from './transfer-log.service';

const SERVICES = [AuditService, AuditCheckpointService, TransferLogService];

@Global()
@Module({ providers: SERVICES, exports: SERVICES })
export class AuditModule {}
