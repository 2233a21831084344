import { Global, Module } from '@nestjs/common';
import { AuditService } from './audit.service';
import { TransferLogService } from './transfer-log.service';

const SERVICES = [AuditService, TransferLogService];

@Global()
@Module({ providers: SERVICES, exports: SERVICES })
export class AuditModule {}
