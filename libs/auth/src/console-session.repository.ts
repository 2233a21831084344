import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface SessionRow {
  id: string;
  tokenHash: string;
  csrfToken: string;
  expiresAt: Date;
}

/** Every statement on console_sessions. Times come from PostgreSQL so that all API processes agree. */
@Injectable()
export class ConsoleSessionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(row: { secretHash: string; tokenHash: string; csrfToken: string; maxHours: number }): Promise<SessionRow> {
    const [r] = await this.dataSource.query(
      `INSERT INTO console_sessions (secret_hash, token_hash, csrf_token, expires_at)
       VALUES ($1, $2, $3, now() + make_interval(hours => $4)) RETURNING id, token_hash, csrf_token, expires_at`,
      [row.secretHash, row.tokenHash, row.csrfToken, row.maxHours],
    );
    return toRow(r);
  }

  /** The live session with this secret, its idle clock restarted; null when unknown, revoked, idle or too old. */
  async touch(secretHash: string, idleMinutes: number): Promise<SessionRow | null> {
    const [rows] = await this.dataSource.query(
      `UPDATE console_sessions SET last_seen_at = now()
       WHERE secret_hash = $1 AND revoked_at IS NULL AND expires_at > now()
         AND last_seen_at > now() - make_interval(mins => $2)
       RETURNING id, token_hash, csrf_token, expires_at`,
      [secretHash, idleMinutes],
    );
    return rows?.[0] ? toRow(rows[0]) : null;
  }

  async revoke(id: string): Promise<number> {
    const [, count] = await this.dataSource.query(
      'UPDATE console_sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL',
      [id],
    );
    return Number(count ?? 0);
  }

  /** Ends every session opened with the same token as this one ("sign out everywhere"). */
  async revokeAllOfSameToken(id: string): Promise<number> {
    const [, count] = await this.dataSource.query(
      `UPDATE console_sessions SET revoked_at = now()
       WHERE token_hash = (SELECT token_hash FROM console_sessions WHERE id = $1) AND revoked_at IS NULL`,
      [id],
    );
    return Number(count ?? 0);
  }
}

function toRow(r: { id: string; token_hash: string; csrf_token: string; expires_at: Date }): SessionRow {
  return { id: r.id, tokenHash: r.token_hash, csrfToken: r.csrf_token, expiresAt: new Date(r.expires_at) };
}
