import { Controller, Get, Header } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Roles } from '@eea/auth';
import { registry } from '@eea/observability';

/** Admin-only on the API port; open on METRICS_PORT (see apps bootstrap). */
@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  @Get()
  @Roles('admin')
  @Header('content-type', 'text/plain; version=0.0.4')
  metrics(): Promise<string> {
    return registry.metrics();
  }
}
