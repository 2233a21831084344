import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { MetricsController } from './metrics.controller';

/**
 * /health and /metrics. They sit with the app, not in libs/observability, because they carry access rules
 * (@Public, @Roles) from libs/auth, and auth itself builds on observability through libs/http.
 */
@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController, MetricsController],
})
export class OperationsModule {}
