import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthGuard } from './auth.guard';
import { ConsoleSessionService } from './console-session.service';
import { TokenService } from './token.service';
import { ApiTokenEntity } from './api-token.entity';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([ApiTokenEntity])],
  providers: [TokenService, ConsoleSessionService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [TokenService, ConsoleSessionService],
})
export class AuthModule {}
