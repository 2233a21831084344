import helmet from '@fastify/helmet';
import { DynamicModule, INestApplicationContext, Type } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '@eea/config';
import { StartupNoiseLogger, registerHttpMetrics } from '@eea/observability';
import { ErrorFilter } from './error.filter';
import { OPENAPI_TRANSFORM, OpenApiTransform } from './openapi-transform';
import { registerForbiddenKeyCheck } from './forbidden-keys';
import { emptyTolerantJsonParser, frameworkErrorHandler } from './framework-errors';
import { registerInputHygiene } from './input-hygiene.hook';
import { registerInFlightLimit } from './in-flight-limit';
import { registerRateLimit } from './rate-limit';
import { createValidationPipe } from './validation';

export const BODY_LIMIT = 256 * 1024;
const REQUEST_ID = /^[A-Za-z0-9_.-]{1,64}$/;

export interface HttpAppOptions {
  trustProxy: boolean;
  docs: boolean;
  /** Hooks run on the Fastify instance before routes are registered (rate limits, dashboards). */
  configure?: (app: NestFastifyApplication) => Promise<void>;
}

/** Fastify with raw bodies (for signatures), 256 KiB limit, request ids, security headers, one error shape. */
export async function createHttpApp(
  module: Type<unknown> | DynamicModule,
  options: HttpAppOptions,
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT,
    // Organisation ids are up to 200 characters of any script (SPEC 4): URL-encoded, up to 9 bytes each.
    routerOptions: { maxParamLength: 2048 },
    trustProxy: options.trustProxy,
    genReqId: (req: IncomingMessage) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    logger: false,
    // Explicit although they are Fastify's defaults: a poisoned JSON body is a 400, never parsed.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    frameworkErrors: frameworkErrorHandler,
  });
  const app = await NestFactory.create<NestFastifyApplication>(module, adapter, { rawBody: true, bufferLogs: true });
  app.useBodyParser(
    'application/json',
    { bodyLimit: BODY_LIMIT },
    emptyTolerantJsonParser(app.getHttpAdapter().getInstance().getDefaultJsonParser('error', 'error')),
  );
  app.useLogger(new StartupNoiseLogger(app.get(Logger)));
  app.flushLogs();
  await app.register(helmet as never, { contentSecurityPolicy: false });
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onSend', async (req, reply) => {
      reply.header('x-request-id', req.id);
    });
  registerHttpMetrics(app.getHttpAdapter().getInstance());
  const config = app.get(AppConfig);
  registerInFlightLimit(app.getHttpAdapter().getInstance(), config.MAX_REQUESTS_IN_FLIGHT);
  await registerRateLimit(app, {
    perMinute: config.RATE_LIMIT_PER_MINUTE,
    redisUrl: config.REDIS_URL,
    prefix: config.QUEUE_PREFIX,
  });
  registerForbiddenKeyCheck(app);
  registerInputHygiene(app);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ErrorFilter());
  app.enableShutdownHooks();
  if (options.configure) await options.configure(app);
  if (options.docs) setUpDocs(app);
  return app;
}

function setUpDocs(app: NestFastifyApplication): void {
  const config = new DocumentBuilder()
    .setTitle('eea-router')
    .setDescription("Routes support tickets so that EEA customers' data is only worked from allowed countries.")
    .setVersion('1')
    .addBearerAuth()
    .build();
  // The API shell completes the document (summaries, roles, response schemas) when it is loaded.
  let transform: OpenApiTransform = (doc) => doc;
  try {
    transform = app.get<OpenApiTransform>(OPENAPI_TRANSFORM, { strict: false });
  } catch {
    // A worker-only process serves no API description worth completing.
  }
  SwaggerModule.setup('docs', app, () => transform(SwaggerModule.createDocument(app, config)));
}

/** Closes a Nest app or context; used by tests and by SIGTERM handling. */
export async function closeQuietly(app?: INestApplicationContext): Promise<void> {
  await app?.close().catch(() => undefined);
}
