import { Injectable, OnApplicationBootstrap, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { PUBLIC_KEY, ROLES_KEY, Role } from '@eea/auth';
import { DeclaredRoute, accessRuleProblems, routeKey } from './access-rules';

/** Refuses to start when any controller route and the access-rules table disagree. */
@Injectable()
export class AccessRulesCheck implements OnApplicationBootstrap {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onApplicationBootstrap(): void {
    const problems = accessRuleProblems(this.declaredRoutes());
    if (problems.length > 0) throw new Error(`Access rules do not match the routes:\n  - ${problems.join('\n  - ')}`);
  }

  declaredRoutes(): DeclaredRoute[] {
    return this.discovery.getControllers().flatMap(({ metatype, instance }) => {
      if (!metatype || !instance) return [];
      const prefixes = paths(Reflect.getMetadata(PATH_METADATA, metatype));
      const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
      return this.scanner.getAllMethodNames(prototype).flatMap((name) => {
        const handler = prototype[name] as (...args: unknown[]) => unknown;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (method === undefined) return [];
        const targets = [handler, metatype];
        const roles = this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)
          ? ('public' as const)
          : this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
        return prefixes.flatMap((prefix) =>
          paths(Reflect.getMetadata(PATH_METADATA, handler)).map((path) => ({
            key: routeKey(RequestMethod[method], `${prefix}/${path}`),
            roles,
          })),
        );
      });
    });
  }
}

function paths(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return [typeof value === 'string' ? value : ''];
}
