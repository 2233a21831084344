import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { DataSource, Repository } from 'typeorm';
import { AuditService, BOOTSTRAP_TOKEN_ID } from '@eea/audit';
import { AppConfig } from '@eea/config';
import { ApiError } from '@eea/http';
import { ApiTokenEntity, Role } from './api-token.entity';
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
    @InjectRepository(ApiTokenEntity) private readonly tokens: Repository<ApiTokenEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    config: AppConfig,
  ) {
    if (config.ADMIN_TOKEN) this.bootstrapHash = Buffer.from(hashToken(config.ADMIN_TOKEN), 'hex');
  }

  async create(input: { role: Role; agentId?: string | null; name: string }, by: Principal) {
    const token = `eea_${randomBytes(32).toString('base64url')}`;
    const entity = await this.dataSource.transaction(async (m) => {
      // Shared lock: the agent cannot vanish between this check and the token's commit.
      if (
        input.role === 'agent' &&
        (await m.query('SELECT 1 FROM agents WHERE id = $1 FOR SHARE', [input.agentId])).length === 0
      ) {
        throw ApiError.badRequest('agentId', 'is not an agent; create it first with PUT /v1/agents/:id');
      }
      const saved = await m.save(
        m.create(ApiTokenEntity, {
          role: input.role,
          agentId: input.role === 'agent' ? input.agentId! : null,
          name: input.name,
          tokenHash: hashToken(token),
        }),
      );
      await this.audit.append(
        {
          actor: by.tokenId,
          action: 'token.created',
          subjectType: 'token',
          subjectId: saved.id,
          details: { role: saved.role, agentId: saved.agentId },
        },
        m,
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
    // Plain SQL: this runs on every request, and TypeORM's query building costs more CPU than the lookup.
    const [found]: Array<{ id: string; role: Role; agent_id: string | null }> = await this.dataSource.query(
      'SELECT id, role, agent_id FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL',
      [hash],
    );
    return found ? { tokenId: found.id, role: found.role, agentId: found.agent_id } : null;
  }

  async list() {
    const all = await this.tokens.find({ order: { createdAt: 'DESC' }, take: 1000 });
    return { items: all.map(publicView) };
  }

  /** Idempotent; a revoked token fails its very next request. */
  async revoke(id: string, by: Principal) {
    return this.dataSource.transaction(async (m) => {
      const found = await m.findOne(ApiTokenEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!found) return null;
      if (!found.revokedAt) {
        found.revokedAt = new Date();
        await m.save(found);
        await this.audit.append({ actor: by.tokenId, action: 'token.revoked', subjectType: 'token', subjectId: id }, m);
      }
      return publicView(found);
    });
  }
}

function publicView(t: ApiTokenEntity) {
  return { id: t.id, name: t.name, role: t.role, agentId: t.agentId, createdAt: t.createdAt, revokedAt: t.revokedAt };
}
