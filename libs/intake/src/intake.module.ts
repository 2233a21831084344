import { Module } from '@nestjs/common';
import { PrivacyModule } from '@eea/privacy';
import { IntakeService } from './intake.service';
import { SourcesStore } from './sources/sources.store';
import { WebhookBodyParser } from './webhook-body.parser';
import { WebhookIntakeService } from './webhook-intake.service';

@Module({
  imports: [PrivacyModule],
  providers: [IntakeService, WebhookIntakeService, WebhookBodyParser, SourcesStore],
  exports: [IntakeService, WebhookIntakeService, SourcesStore],
})
export class IntakeModule {}
