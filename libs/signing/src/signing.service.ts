import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CompactSign, JSONWebKeySet, exportJWK } from 'jose';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppConfig } from '@eea/config';
import { SigningKey, generateSigningKeyDer, parseSigningKeys } from './signing-keys';
import { findOrCreateSigningKey } from './signing-key.repository';

/**
 * Ed25519 signatures for what must be verifiable later and offline: consent receipts and audit
 * checkpoints. Keys come from SIGNING_KEYS (required in production); without it, a development key is
 * generated once and kept in the database.
 */
@Injectable()
export class SigningService {
  private keys?: Promise<SigningKey[]>;

  constructor(
    private readonly config: AppConfig,
    // The data source rather than the outbox: `audit:verify` builds this service alone, without Redis.
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** A compact JWS (`alg: EdDSA`, `kid`, `typ`) over the JSON of `claims`. */
  async sign(claims: object, typ: string): Promise<string> {
    const [current] = await this.loadKeys();
    return new CompactSign(new TextEncoder().encode(JSON.stringify(claims)))
      .setProtectedHeader({ alg: 'EdDSA', kid: current.kid, typ })
      .sign(current.privateKey!);
  }

  /** Every public key that verifies what this service signed, current first. */
  async jwks(): Promise<JSONWebKeySet> {
    const keys = await this.loadKeys();
    return {
      keys: await Promise.all(
        keys.map(async (k) => ({ ...(await exportJWK(k.publicKey)), kid: k.kid, alg: 'EdDSA', use: 'sig' })),
      ),
    };
  }

  private loadKeys(): Promise<SigningKey[]> {
    this.keys ??= this.readKeys().catch((e) => {
      this.keys = undefined;
      throw e;
    });
    return this.keys;
  }

  private async readKeys(): Promise<SigningKey[]> {
    if (this.config.SIGNING_KEYS) return parseSigningKeys(this.config.SIGNING_KEYS);
    const stored = await findOrCreateSigningKey(this.dataSource.manager, {
      kid: `dev-${randomBytes(4).toString('hex')}`,
      der: generateSigningKeyDer(),
    });
    new Logger('signing').warn(
      'SIGNING_KEYS is not set: receipts and audit checkpoints are signed with a development key kept in the database',
    );
    return parseSigningKeys(`${stored.kid}:${stored.der}`);
  }
}
