import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** The development key, kept in PostgreSQL so that what it signed stays verifiable across restarts. */
@Injectable()
export class SigningKeyRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Stores `candidate` unless a key is already there; returns whichever key won (processes may race at start). */
  async findOrCreate(candidate: { kid: string; der: string }): Promise<{ kid: string; der: string }> {
    const [row]: Array<{ kid: string; private_key: string }> = await this.dataSource.query(
      `WITH inserted AS (
         INSERT INTO signing_keys (kid, private_key) VALUES ($1, $2) ON CONFLICT (singleton) DO NOTHING RETURNING kid, private_key
       )
       SELECT kid, private_key FROM inserted UNION ALL SELECT kid, private_key FROM signing_keys LIMIT 1`,
      [candidate.kid, candidate.der],
    );
    return { kid: row.kid, der: row.private_key };
  }
}
