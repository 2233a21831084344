import fastifyStatic from '@fastify/static';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError } from '@eea/http';
import { CONSOLE_CSP, consoleRoot } from './console-assets';

const ASSET = /^assets\/[A-Za-z0-9_.-]+$/;

/**
 * Serves the console's built files at /console/ and the customer approval page at /approve/<token>.
 * Any other path under /console/ is a page of the single-page app and gets index.html. Registered on
 * Fastify directly (like the queue dashboard): these are public files, the data behind them is not.
 */
@Injectable()
export class ConsoleStatic implements OnApplicationBootstrap {
  constructor(private readonly host: HttpAdapterHost) {}

  async onApplicationBootstrap(): Promise<void> {
    const fastify = this.host.httpAdapter.getInstance<FastifyInstance>();
    const root = consoleRoot();
    const built = existsSync(join(root, 'index.html'));
    if (!built) new Logger('console').warn('console not built (run npm run build): /console/ answers 503');
    await fastify.register(async (scope) => {
      if (built) await scope.register(fastifyStatic as never, { root, serve: false });
      scope.addHook('onSend', async (_req, reply) => {
        reply.header('content-security-policy', CONSOLE_CSP);
      });
      scope.get('/console', (_req, reply) => reply.redirect('/console/', 302));
      scope.get('/console/*', (req, reply) => this.send(reply, built, (req.params as { '*': string })['*']));
      scope.get('/approve/:token', (_req, reply) => this.send(reply, built, ''));
    });
  }

  private send(reply: FastifyReply, built: boolean, path: string): unknown {
    if (!built) {
      const error = new ApiError(503, 'unavailable', 'The console is not built; run npm run build.');
      return reply.status(503).send(error.getResponse());
    }
    const sendFile = (reply as FastifyReply & { sendFile(path: string, options?: object): FastifyReply }).sendFile.bind(reply);
    if (ASSET.test(path)) {
      return sendFile(path, { maxAge: '365d', immutable: true });
    }
    reply.header('cache-control', 'no-cache');
    return sendFile('index.html', { cacheControl: false });
  }
}
