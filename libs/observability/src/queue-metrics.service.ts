import { Injectable } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { QUEUE_NAMES, QueueService } from '@eea/queue';
import { registry } from './metrics';

const STATES = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;

/** Queue depth per state, read from Redis when Prometheus scrapes. */
@Injectable()
export class QueueMetricsService {
  constructor(queues: QueueService) {
    const existing = registry.getSingleMetric('eea_router_queue_jobs');
    if (existing) registry.removeSingleMetric('eea_router_queue_jobs');
    new Gauge({
      name: 'eea_router_queue_jobs',
      help: 'Jobs per queue and state',
      labelNames: ['queue', 'state'],
      registers: [registry],
      async collect() {
        for (const name of QUEUE_NAMES) {
          const counts = await queues
            .queue(name)
            .getJobCounts(...STATES)
            .catch(() => undefined);
          if (!counts) continue;
          for (const state of STATES) this.set({ queue: name, state }, counts[state] ?? 0);
        }
      },
    });
  }
}
