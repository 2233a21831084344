import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard } from './auth.guard';
import { ConsoleSessionService } from './console-session.service';
import { TokenService } from './token.service';

@Global()
@Module({
  providers: [TokenService, ConsoleSessionService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [TokenService, ConsoleSessionService],
})
export class AuthModule {}
