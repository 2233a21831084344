import { Injectable } from '@nestjs/common';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { AuditService } from '@eea/audit';
import { AppConfig } from '@eea/config';
import { ApiError } from '@eea/http';
import { OutboxService } from '@eea/queue';
import { insertSession, revokeSession, revokeSessionsOfSameToken, touchSession } from './console-session.repository';
import type { Principal } from './principal';
import { TokenService, hashToken } from './token.service';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface OpenedSession {
  secret: string;
  csrfToken: string;
  expiresAt: Date;
  principal: Principal;
}

/**
 * Console sessions: an access token is exchanged once for a random session secret that lives only in
 * an HttpOnly cookie. Each request re-checks the token behind the session, so a revoked token ends
 * its sessions at their next request. State changes must echo the session's CSRF token in a header,
 * which a cross-site page can neither read nor send.
 */
@Injectable()
export class ConsoleSessionService {
  constructor(
    private readonly outbox: OutboxService,
    private readonly tokens: TokenService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  async open(token: string): Promise<OpenedSession | null> {
    const principal = await this.tokens.authenticate(token);
    if (!principal) return null;
    const secret = randomBytes(32).toString('base64url');
    const row = await insertSession(this.outbox.db, {
      secretHash: hashToken(secret),
      tokenHash: hashToken(token),
      csrfToken: randomBytes(24).toString('base64url'),
      maxHours: this.config.SESSION_MAX_HOURS,
    });
    await this.audit.append({ actor: principal.tokenId, action: 'session.opened', subjectType: 'session', subjectId: row.id });
    return { secret, csrfToken: row.csrfToken, expiresAt: row.expiresAt, principal: { ...principal, sessionId: row.id } };
  }

  /** The principal behind a session cookie, or null. `csrf` is required for anything but a safe method. */
  async authenticate(secret: string, method: string, csrf: string | undefined): Promise<Principal | null> {
    const row = await touchSession(this.outbox.db, hashToken(secret), this.config.SESSION_IDLE_MINUTES);
    if (!row) return null;
    const principal = await this.tokens.authenticateHash(row.tokenHash);
    if (!principal) return null;
    if (!SAFE_METHODS.has(method.toUpperCase()) && !sameSecret(csrf, row.csrfToken)) {
      throw new ApiError(403, 'forbidden', "A change made with a console session needs the session's X-CSRF-Token header.");
    }
    return { ...principal, sessionId: row.id };
  }

  /** What the console needs after a reload: who is signed in, the CSRF token and when the session ends. */
  async describe(secret: string) {
    const row = await touchSession(this.outbox.db, hashToken(secret), this.config.SESSION_IDLE_MINUTES);
    return row
      ? { csrfToken: row.csrfToken, expiresAt: row.expiresAt.toISOString(), idleMinutes: this.config.SESSION_IDLE_MINUTES }
      : null;
  }

  /** How many sessions ended. */
  async close(principal: Principal, everywhere: boolean): Promise<number> {
    if (!principal.sessionId) return 0;
    const ended = everywhere
      ? await revokeSessionsOfSameToken(this.outbox.db, principal.sessionId)
      : await revokeSession(this.outbox.db, principal.sessionId);
    await this.audit.append({
      actor: principal.tokenId,
      action: everywhere ? 'session.closed_everywhere' : 'session.closed',
      subjectType: 'session',
      subjectId: principal.sessionId,
    });
    return ended;
  }
}

function sameSecret(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
