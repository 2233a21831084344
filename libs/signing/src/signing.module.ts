import { Global, Module } from '@nestjs/common';
import { SigningKeyRepository } from './signing-key.repository';
import { SigningService } from './signing.service';

@Global()
@Module({ providers: [SigningService, SigningKeyRepository], exports: [SigningService] })
export class SigningModule {}
