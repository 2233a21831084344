import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiError } from '@eea/http';
import type { Role } from './api-token.entity';
import { bearerToken } from './bearer-token';
import { ConsoleSessionService } from './console-session.service';
import { CSRF_HEADER, SESSION_COOKIE, readCookie } from './session-cookie';
import { PUBLIC_KEY, Principal, ROLES_KEY } from './principal';
import { TokenService } from './token.service';

type GuardedRequest = { method: string; headers: Record<string, string | undefined>; principal?: Principal };

/**
 * Global guard: a route is public, or it declares its roles and the bearer token (or, without one,
 * the console session cookie) must have one.
 * A route that declares neither is denied, so a forgotten annotation fails closed.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly sessions: ConsoleSessionService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<GuardedRequest>();
    const principal = await this.identify(request);
    if (!principal) throw ApiError.unauthenticated();
    request.principal = principal;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (!roles || !roles.includes(principal.role)) throw ApiError.forbidden();
    return true;
  }

  /** A bearer token wins; a session cookie counts only when no Authorization header is sent. */
  private async identify(request: GuardedRequest): Promise<Principal | null> {
    if (request.headers.authorization !== undefined) {
      const token = bearerToken(request.headers.authorization);
      return token ? this.tokens.authenticate(token) : null;
    }
    const secret = readCookie(request.headers.cookie, SESSION_COOKIE);
    const csrf = request.headers[CSRF_HEADER];
    return secret ? this.sessions.authenticate(secret, request.method, csrf) : null;
  }
}
