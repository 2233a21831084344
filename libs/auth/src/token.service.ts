import { Injectable } from '@nestjs/common';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { AuditService, BOOTSTRAP_TOKEN_ID } from '@eea/audit';
import { AppConfig } from '@eea/config';
import { ApiError } from '@eea/http';
import { OutboxService } from '@eea/queue';
import { ApiTokenEntity, Role } from './api-token.entity';
import { insertApiToken, liveTokenByHash, lockApiToken, newestApiTokens, revokeApiToken } from './api-token.repository';
import type { Principal } from './principal';

const BOOTSTRAP_ID = BOOTSTRAP_TOKEN_ID;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Opaque tokens: shown once at creation, stored as SHA-256, checked on every request (so revocation is immediate). */
@Injectable()
export class TokenService {
  private readonly bootstrapHash?: Buffer;

  constructor(
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    config: AppConfig,
  ) {
    if (config.ADMIN_TOKEN) this.bootstrapHash = Buffer.from(hashToken(config.ADMIN_TOKEN), 'hex');
  }

  async create(input: { role: Role; agentId?: string | null; name: string }, by: Principal) {
    const token = `eea_${randomBytes(32).toString('base64url')}`;
    const entity = await this.outbox.inTransaction(async (tx) => {
      const saved = await insertApiToken(tx.db, {
        role: input.role,
        agentId: input.role === 'agent' ? (input.agentId ?? null) : null,
        name: input.name,
        tokenHash: hashToken(token),
      });
      if (!saved) throw ApiError.badRequest('agentId', 'is not an agent; create it first with PUT /v1/agents/:id');
      await this.audit.append(
        {
          actor: by.tokenId,
          action: 'token.created',
          subjectType: 'token',
          subjectId: saved.id,
          details: { role: saved.role, agentId: saved.agentId },
        },
        tx.db,
      );
      return saved;
    });
    return { id: entity.id, token, role: entity.role, agentId: entity.agentId, name: entity.name, createdAt: entity.createdAt };
  }

  async authenticate(token: string): Promise<Principal | null> {
    return this.authenticateHash(hashToken(token));
  }

  /** As `authenticate`, from the token's hash (console sessions keep only that). */
  async authenticateHash(hash: string): Promise<Principal | null> {
    if (this.bootstrapHash && timingSafeEqual(this.bootstrapHash, Buffer.from(hash, 'hex'))) {
      return { tokenId: BOOTSTRAP_ID, role: 'admin', agentId: null };
    }
    const found = await liveTokenByHash(this.outbox.db, hash);
    return found ? { tokenId: found.id, role: found.role, agentId: found.agentId } : null;
  }

  async list() {
    const all = await newestApiTokens(this.outbox.db, 1000);
    return { items: all.map(publicView) };
  }

  /** Idempotent; a revoked token fails its very next request. */
  async revoke(id: string, by: Principal) {
    return this.outbox.inTransaction(async (tx) => {
      const found = await lockApiToken(tx.db, id);
      if (!found) return null;
      if (!found.revokedAt) {
        found.revokedAt = new Date();
        await revokeApiToken(tx.db, id, found.revokedAt);
        await this.audit.append({ actor: by.tokenId, action: 'token.revoked', subjectType: 'token', subjectId: id }, tx.db);
      }
      return publicView(found);
    });
  }
}

function publicView(t: ApiTokenEntity) {
  return { id: t.id, name: t.name, role: t.role, agentId: t.agentId, createdAt: t.createdAt, revokedAt: t.revokedAt };
}
