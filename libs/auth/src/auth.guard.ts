import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiError } from '@eea/http';
import type { Role } from './api-token.entity';
import { PUBLIC_KEY, Principal, ROLES_KEY } from './principal';
import { TokenService } from './token.service';

/**
 * Global guard: a route is public, or it declares its roles and the bearer token must have one.
 * A route that declares neither is denied, so a forgotten annotation fails closed.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(private readonly reflector: Reflector, private readonly tokens: TokenService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; principal?: Principal }>();
    const match = /^Bearer ([A-Za-z0-9_\-.~+/=]{8,512})$/.exec(request.headers.authorization ?? '');
    if (!match) throw ApiError.unauthenticated();
    const principal = await this.tokens.authenticate(match[1]);
    if (!principal) throw ApiError.unauthenticated();
    request.principal = principal;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (!roles || !roles.includes(principal.role)) throw ApiError.forbidden();
    return true;
  }
}
