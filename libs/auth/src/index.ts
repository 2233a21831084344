export * from './api-token.entity';
export * from './auth.guard';
export * from './auth.module';
export * from './principal';
export * from './token.service';
export * from './console-session.repository';
export * from './console-session.service';
export * from './session-cookie';
