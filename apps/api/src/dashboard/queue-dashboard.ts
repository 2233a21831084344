import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ConsoleSessionService, SESSION_COOKIE, TokenService, bearerToken, readCookie } from '@eea/auth';
import { ApiError } from '@eea/http';
import { QUEUE_NAMES, QueueService } from '@eea/queue';

export const DASHBOARD_PATH = '/admin/queues';

/**
 * bull-board for operators at /admin/queues. It lives outside Nest's router, so Nest's guard never
 * sees it: an onRequest hook scoped to the dashboard's own plugin checks the admin token instead, or
 * an admin's console session. The dashboard's own page cannot send the console's CSRF header, so a
 * session may change jobs only from a same-origin request (on top of the SameSite=Strict cookie).
 */
@Injectable()
export class QueueDashboard implements OnApplicationBootstrap {
  constructor(
    private readonly host: HttpAdapterHost,
    private readonly queues: QueueService,
    private readonly tokens: TokenService,
    private readonly sessions: ConsoleSessionService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const fastify = this.host.httpAdapter.getInstance<FastifyInstance>();
    const serverAdapter = new FastifyAdapter();
    serverAdapter.setBasePath(DASHBOARD_PATH);
    createBullBoard({
      queues: QUEUE_NAMES.map((name) => new BullMQAdapter(this.queues.queue(name), { readOnlyMode: false })),
      serverAdapter,
    });
    // Not wrapped in fastify-plugin: the hook stays encapsulated to the dashboard's routes.
    await fastify.register(
      async (scope) => {
        scope.addHook('onRequest', (request, reply) => this.requireAdmin(request, reply));
        await scope.register(serverAdapter.registerPlugin() as never);
      },
      { prefix: DASHBOARD_PATH },
    );
  }

  private async requireAdmin(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const principal = await this.identify(request).catch(() => null);
    const error = !principal ? ApiError.unauthenticated() : principal.role !== 'admin' ? ApiError.forbidden() : null;
    if (error) await reply.status(error.getStatus()).send(error.getResponse());
  }

  private async identify(request: FastifyRequest) {
    if (request.headers.authorization !== undefined) {
      const token = bearerToken(request.headers.authorization);
      return token ? this.tokens.authenticate(token) : null;
    }
    const secret = readCookie(request.headers.cookie, SESSION_COOKIE);
    if (!secret) return null;
    const sameOrigin = request.headers['sec-fetch-site'] === 'same-origin';
    return this.sessions.authenticate(secret, sameOrigin ? 'GET' : request.method, undefined);
  }
}
