import { Global, Module, Provider } from '@nestjs/common';
import { AppConfig, loadConfig } from './app-config';
import { Clock } from './clock';
import { PolicyStore } from './policy.store';

/** Provides the one validated AppConfig and the loaded policy. Tests may pass their own environment map. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(env: Record<string, string | undefined> = process.env, overrides: Provider[] = []) {
    return {
      module: ConfigModule,
      providers: [{ provide: AppConfig, useFactory: () => loadConfig(env) }, PolicyStore, Clock, ...overrides],
      exports: [AppConfig, PolicyStore, Clock],
    };
  }
}
