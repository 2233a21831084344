import { Body, Controller, Delete, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  ConsoleSessionService,
  CurrentPrincipal,
  Principal,
  Public,
  ROLES,
  Roles,
  SESSION_COOKIE,
  readCookie,
  sessionCookie as cookie,
} from '@eea/auth';
import { findAgent } from '@eea/agents';
import { ApiError } from '@eea/http';
import { OutboxService } from '@eea/queue';
import { OpenSessionDto } from './open-session.dto';

/**
 * Console sign-in: a token is exchanged for an HttpOnly, SameSite=Strict session cookie (Secure when
 * the request came over TLS), so the page never holds the token itself.
 */
@ApiTags('sessions')
@Controller('v1/sessions')
export class SessionsController {
  constructor(
    private readonly sessions: ConsoleSessionService,
    private readonly outbox: OutboxService,
  ) {}

  @Post()
  @Public()
  @HttpCode(201)
  async open(@Body() body: OpenSessionDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const opened = await this.sessions.open(body.token);
    if (!opened) throw new ApiError(401, 'unauthenticated', 'This access token is not valid (unknown or revoked).');
    const maxAge = Math.max(0, Math.floor((opened.expiresAt.getTime() - Date.now()) / 1000));
    void reply.header('set-cookie', cookie(opened.secret, maxAge, request.protocol === 'https'));
    const { role, agentId } = opened.principal;
    return { role, agentId, csrfToken: opened.csrfToken, expiresAt: opened.expiresAt.toISOString() };
  }

  /** Who is signed in with this cookie; 404 when the caller used a bearer token instead. */
  @Get('current')
  @Roles(...ROLES)
  async current(@CurrentPrincipal() who: Principal, @Req() request: FastifyRequest) {
    const secret = readCookie(request.headers.cookie, SESSION_COOKIE);
    const session = who.sessionId && secret ? await this.sessions.describe(secret) : null;
    if (!session) throw ApiError.notFound('session');
    return { role: who.role, agentId: who.agentId, agent: await this.ownAgent(who.agentId), ...session };
  }

  /** An agent's own profile (country, status): what its console shows as "you". Nobody else's. */
  private async ownAgent(agentId: string | null) {
    const agent = agentId ? await findAgent(this.outbox.db, agentId) : null;
    return agent
      ? { id: agent.id, name: agent.name, country: agent.country, status: agent.status, capacity: agent.capacity }
      : null;
  }

  /** Signs out this browser, or with `?everywhere=true` every session opened with the same token. */
  @Delete('current')
  @Roles(...ROLES)
  @HttpCode(200)
  async close(
    @CurrentPrincipal() who: Principal,
    @Query('everywhere') everywhere: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    if (!who.sessionId) throw ApiError.notFound('session');
    const ended = await this.sessions.close(who, everywhere === 'true');
    void reply.header('set-cookie', cookie('', 0, request.protocol === 'https'));
    return { ended };
  }
}
