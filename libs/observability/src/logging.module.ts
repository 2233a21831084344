import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { AppConfig } from '@eea/config';

/**
 * Paths pino blanks out wherever they appear. Personal data never reaches a log call by design
 * (only ids are logged); this is the second line of defence if one ever does.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-signature"]',
  'req.headers["x-zendesk-webhook-signature"]',
  'req.headers["x-hub-signature"]',
  'email',
  'phone',
  'name',
  'subject',
  'requester',
  'body',
  '*.email',
  '*.phone',
  '*.name',
  '*.subject',
  '*.requester',
  '*.body',
  '*.approvedBy',
  '*.evidence',
];

/** The path without its query, and without customer approval tokens (credentials that live in the URL). */
export function loggedUrl(url: string | undefined): string | undefined {
  return url?.split('?')[0].replace(/^(\/v1\/approvals\/|\/approve\/)[^/]+/, '$1[token]');
}

/** Structured JSON logs with the request id; request bodies are never logged. */
@Module({})
export class LoggingModule {
  static forRoot(destination?: DestinationStream): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({
            pinoHttp: [
              {
                level: config.LOG_LEVEL,
                base: { service: 'eea-router' },
                redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
                genReqId: (req) => (req as { id?: string }).id ?? 'none',
                serializers: {
                  req: (req: { id: string; method: string; url: string }) => ({
                    id: req.id,
                    method: req.method,
                    url: loggedUrl(req.url),
                  }),
                  res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
                },
                customLogLevel: (_req, res, err) =>
                  err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'info' : 'debug',
              },
              destination ?? process.stdout,
            ],
          }),
        }),
      ],
      exports: [LoggerModule],
    };
  }
}
