import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { AppConfig, ConfigValidationError, loadConfigFromProcess } from '@eea/config';
import { assertNoEviction, createRedis } from '@eea/queue';
import { PolicyValidationError } from '@eea/policy';
import { SourcesValidationError } from '@eea/intake';
import { createHttpApp } from '@eea/http';
import { startMetricsServer } from '@eea/observability';
import { AppModule } from './app.module';

/**
 * Starts one process: API, worker or both. Configuration, the policy file and Redis's eviction
 * policy are checked before anything listens, and a bad one stops the start with a clear message.
 */
export async function bootstrap(roles: { api: boolean; worker: boolean }): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfigFromProcess();
    await checkRedis(config);
  } catch (e) {
    return fail(e);
  }
  const app = await createHttpApp(AppModule.register(roles), { trustProxy: config.TRUST_PROXY, docs: roles.api }).catch(fail);
  if (!app) return;
  const port = roles.api ? config.PORT : config.WORKER_PORT;
  await app.listen({ port, host: config.HOST });
  if (config.METRICS_PORT) startMetricsServer(config.METRICS_PORT, config.HOST);
  new Logger('bootstrap').log({ port, api: roles.api, worker: roles.worker }, 'eea-router started');
}

async function checkRedis(config: AppConfig): Promise<void> {
  const redis = createRedis(config.REDIS_URL, 'worker');
  try {
    await assertNoEviction(redis);
  } finally {
    redis.disconnect();
  }
}

function fail(e: unknown): undefined {
  const known = e instanceof ConfigValidationError || e instanceof PolicyValidationError || e instanceof SourcesValidationError;
  console.error(known || e instanceof Error ? (e as Error).message : String(e));
  if (!known && e instanceof Error && e.stack) console.error(e.stack.split('\n').slice(1, 6).join('\n'));
  process.exit(1);
}
