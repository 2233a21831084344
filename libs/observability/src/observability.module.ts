import { Module } from '@nestjs/common';
import { QueueMetricsService } from './queue-metrics.service';

/** Metrics fed from the platform (queue depths); the endpoints that serve them are in apps/shared/operations. */
@Module({
  providers: [QueueMetricsService],
})
export class ObservabilityModule {}
