import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditCheckpointService } from './audit-checkpoint.service';
import { AuditService } from './audit.service';
import { AuditCheckpointEntity } from './audit-checkpoint.entity';
import { AuditEntryEntity } from './audit-entry.entity';

const SERVICES = [AuditService, AuditCheckpointService];

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([AuditEntryEntity, AuditCheckpointEntity])],
  providers: SERVICES,
  exports: SERVICES,
})
export class AuditModule {}
