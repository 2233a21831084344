import { ExecutionContext, SetMetadata, createParamDecorator } from '@nestjs/common';
import type { Role } from './api-token.entity';

export interface Principal {
  tokenId: string;
  role: Role;
  /** Set for agent tokens only: the one agent this token acts as. */
  agentId: string | null;
  /** Set when the request came with a console session cookie instead of a bearer token. */
  sessionId?: string;
}

export const ROLES_KEY = 'eea:roles';
export const PUBLIC_KEY = 'eea:public';

/** Who may call a route. Every non-public route must declare it: the guard denies routes without. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
/** Open to anyone (health, docs) or authenticated by other means (webhook signatures). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  return ctx.switchToHttp().getRequest<{ principal: Principal }>().principal;
});
