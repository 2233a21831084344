import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { AppConfig, ConfigValidationError, loadConfigFromProcess } from '@eea/config';
import { PolicyValidationError, loadPolicyFile } from '@eea/policy';
import { SourcesValidationError, loadSourcesFile } from '@eea/intake';
import { createHttpApp } from '@eea/http';
import { startMetricsServer } from '@eea/observability';
import { AppModule } from './app.module';
import { StartupError, waitForPostgres, waitForRedis } from './service-reachability';
import { listeningLine, startupWarnings } from './startup-notices';

/**
 * Starts one process: API, worker or both. Configuration, the reachability of PostgreSQL and Redis,
 * Redis's eviction policy and the policy file are checked before anything listens; a bad one stops
 * the start with one line saying which and why. Plain notices go to stderr, JSON logs to stdout.
 */
export async function bootstrap(roles: { api: boolean; worker: boolean }): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfigFromProcess();
    // Read here first, so that a bad file is one message rather than a dependency-injection stack trace.
    loadPolicyFile(config.POLICY_FILE, 'POLICY_FILE');
    loadSourcesFile(config.SOURCES_FILE);
    // Both at once, one deadline counted from the process's start (loading the code takes seconds on a busy
    // machine): the start gives up on them STARTUP_WAIT_SECONDS (at most 25 s) after it began.
    const deadline = performance.timeOrigin + config.STARTUP_WAIT_SECONDS * 1000;
    const checks = await Promise.allSettled([
      waitForPostgres(config.DATABASE_URL, deadline),
      waitForRedis(config.REDIS_URL, deadline),
    ]);
    const failed = checks.flatMap((c) => (c.status === 'rejected' ? [c.reason] : []));
    if (failed.length > 0) return fail(...failed);
  } catch (e) {
    return fail(e);
  }
  const app = await createHttpApp(AppModule.register(roles), { trustProxy: config.TRUST_PROXY, docs: roles.api }).catch(fail);
  if (!app) return;
  const port = roles.api ? config.PORT : config.WORKER_PORT;
  await app.listen({ port, host: config.HOST });
  if (config.METRICS_PORT) startMetricsServer(config.METRICS_PORT, config.HOST);
  new Logger('bootstrap').log({ port, api: roles.api, worker: roles.worker }, 'eea-router started');
  for (const warning of await startupWarnings(app, config, roles)) console.error(warning);
  console.error(listeningLine(app, config, port, roles));
}

function fail(...errors: unknown[]): undefined {
  for (const e of errors) {
    const known =
      e instanceof ConfigValidationError ||
      e instanceof PolicyValidationError ||
      e instanceof SourcesValidationError ||
      e instanceof StartupError;
    console.error(known || e instanceof Error ? (e as Error).message : String(e));
    if (!known && e instanceof Error && e.stack) console.error(e.stack.split('\n').slice(1, 6).join('\n'));
  }
  process.exit(1);
}
