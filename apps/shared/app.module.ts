import { DynamicModule, Module, Provider } from '@nestjs/common';
import type { DestinationStream } from 'pino';
import { AuditModule } from '@eea/audit';
import { AuthModule } from '@eea/auth';
import { Clock, ConfigModule } from '@eea/config';
import { DatabaseModule } from '@eea/database';
import { LoggingModule, ObservabilityModule } from '@eea/observability';
import { OutboundModule } from '@eea/outbound';
import { QueueModule } from '@eea/queue';
import { SigningModule } from '@eea/signing';
import { ApiModule } from '../api/src/api.module';
import { WorkerModule } from '../worker/src/worker.module';
import { OperationsModule } from './operations/operations.module';

export interface AppOptions {
  /** Which halves run in this process: `npm start` runs both, start:api / start:worker one each. */
  api: boolean;
  worker: boolean;
  /** Environment map; defaults to the process environment (tests pass their own). */
  env?: Record<string, string | undefined>;
  logDestination?: DestinationStream;
  /** Replaces the wall clock (tests move time instead of waiting). */
  clock?: Clock;
}

/** Platform modules every process needs, plus the API and/or worker shells (which import their domains). */
@Module({})
export class AppModule {
  static register(options: AppOptions): DynamicModule {
    const overrides: Provider[] = options.clock ? [{ provide: Clock, useValue: options.clock }] : [];
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(options.env, overrides),
        LoggingModule.forRoot(options.logDestination),
        DatabaseModule.forRoot(),
        QueueModule,
        AuditModule,
        AuthModule,
        OutboundModule,
        ObservabilityModule,
        OperationsModule,
        SigningModule,
        ...(options.api ? [ApiModule] : []),
        ...(options.worker ? [WorkerModule] : []),
      ],
    };
  }
}
