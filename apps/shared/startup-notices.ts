import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { hasLiveAdminToken } from '@eea/auth';
import { AppConfig, webhookSecrets } from '@eea/config';

/**
 * The plain sentences a person starting the service must read: what is not set up (one line each)
 * and where it listens. They go to stderr, apart from the JSON log stream on stdout.
 */
export async function startupWarnings(
  app: NestFastifyApplication,
  config: AppConfig,
  roles: { api: boolean },
): Promise<string[]> {
  const warnings: string[] = [];
  if (!config.ADMIN_TOKEN && !(await hasLiveAdminToken(app.get(DataSource).manager))) {
    warnings.push(
      'Warning: ADMIN_TOKEN is not set and the database has no admin token, so nobody can administer this service. ' +
        'Set ADMIN_TOKEN to a random string of at least 24 characters and restart.',
    );
  }
  if (!config.PSEUDONYM_KEY) {
    warnings.push(
      'Warning: PSEUDONYM_KEY is not set, so requester pseudonyms use the built-in, publicly known key. ' +
        'Set PSEUDONYM_KEY=<keyId>:<secret> before real tickets arrive (it is required with NODE_ENV=production).',
    );
  }
  if (roles.api) {
    for (const [source, secrets] of Object.entries(webhookSecrets(config))) {
      if (secrets.length === 0) {
        warnings.push(
          `Warning: webhook source ${source} has no secret (WEBHOOK_SECRET_${source.toUpperCase()}), so its deliveries are refused with 401.`,
        );
      }
    }
  }
  return warnings;
}

/** One line with the URLs people open; the console's only when this build serves it. */
export function listeningLine(
  app: NestFastifyApplication,
  config: AppConfig,
  port: number,
  roles: { api: boolean; worker: boolean },
): string {
  const host = ['0.0.0.0', '::', ''].includes(config.HOST)
    ? 'localhost'
    : config.HOST.includes(':')
      ? `[${config.HOST}]`
      : config.HOST;
  const base = `http://${host}:${port}`;
  if (!roles.api) return `eea-router worker running; health at ${base}/health/ready`;
  const fastify = app.getHttpAdapter().getInstance();
  const console = fastify.hasRoute({ method: 'GET', url: '/console/' }) || fastify.hasRoute({ method: 'GET', url: '/console/*' });
  const parts = [`API ${base}/v1`, `API docs ${base}/docs`, ...(console ? [`console ${base}/console/`] : [])];
  return `eea-router ${roles.worker ? '(API and worker) ' : ''}listening on ${base}: ${parts.join(', ')}`;
}
