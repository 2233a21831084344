import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PrivacyModule } from '@eea/privacy';
import { IntakeService } from './intake.service';
import { SourcesStore } from './sources/sources.store';
import { WebhookBodyParser } from './webhook-body.parser';
import { WebhookDeliveryEntity } from './webhook-delivery.entity';
import { WebhookIntakeService } from './webhook-intake.service';

@Module({
  imports: [PrivacyModule, TypeOrmModule.forFeature([WebhookDeliveryEntity])],
  providers: [IntakeService, WebhookIntakeService, WebhookBodyParser, SourcesStore],
  exports: [IntakeService, WebhookIntakeService, SourcesStore],
})
export class IntakeModule {}
