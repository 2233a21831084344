import { Transform, plainToInstance } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateIf,
  validateSync,
} from 'class-validator';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : value === true || value === 'true' || value === '1';
const toList = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : value;

/**
 * Every setting of the service, read once from the environment and validated at start.
 * No other code reads process.env: inject this class instead.
 */
export class AppConfig {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  /** HTTP port of a worker started on its own (health and metrics only). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  WORKER_PORT = 3001;

  @IsString() HOST = '0.0.0.0';

  @Transform(toInt)
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(65535)
  METRICS_PORT?: number = undefined;

  @Matches(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/eea_router';

  @Transform(toBool)
  @IsBoolean()
  DB_MIGRATE = true;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DB_POOL_SIZE = 20;

  @Matches(/^rediss?:\/\//, { message: 'must be a redis:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  @Matches(/^[A-Za-z0-9_.-]{1,64}$/, { message: 'must be 1-64 letters, digits, dot, dash or underscore' })
  QUEUE_PREFIX = 'eea-router';

  @IsString() POLICY_FILE = 'config/policy.yaml';

  /** Vocabularies of the zendesk and jira sources (priorities, statuses, categories), validated at start. */
  @IsString() SOURCES_FILE = 'config/sources.yaml';

  @IsOptional()
  @IsString()
  @MinLength(24, { message: 'must be at least 24 characters' })
  ADMIN_TOKEN?: string = undefined;

  /** Keys the HMAC pseudonyms of requester emails and phones. Format: "<keyId>:<secret>[,<keyId>:<secret>...]"; the first is current. */
  @ValidateIf((c: AppConfig) => c.NODE_ENV === 'production' || c.PSEUDONYM_KEY !== undefined)
  @Matches(/^[A-Za-z0-9_-]{1,16}:[^,]{16,}(,[A-Za-z0-9_-]{1,16}:[^,]{16,})*$/, {
    message:
      'must be "<keyId>:<secret of 16+ characters>" (comma-separated for rotation; first is current); required in production',
  })
  PSEUDONYM_KEY?: string = undefined;

  /**
   * Ed25519 keys that sign consent receipts and audit checkpoints: "<kid>:<base64 PKCS#8 DER>[,<kid>:<base64 DER>...]";
   * the first signs, the others (private or public SPKI) stay published for verification. Required in production.
   */
  @ValidateIf((c: AppConfig) => c.NODE_ENV === 'production' || c.SIGNING_KEYS !== undefined)
  @Matches(/^[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/=]{40,}(,[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/=]{40,})*$/, {
    message: 'must be "<kid>:<base64 DER of an Ed25519 key>" (comma-separated for rotation; first signs); required in production',
  })
  SIGNING_KEYS?: string = undefined;

  @Transform(toList)
  @IsOptional()
  @IsString({ each: true })
  WEBHOOK_SECRET_GENERIC: string[] = [];

  @Transform(toList)
  @IsOptional()
  @IsString({ each: true })
  WEBHOOK_SECRET_ZENDESK: string[] = [];

  @Transform(toList)
  @IsOptional()
  @IsString({ each: true })
  WEBHOOK_SECRET_JIRA: string[] = [];

  @IsOptional() @IsString() JIRA_REGION_FIELD?: string = undefined;
  @IsOptional() @IsString() JIRA_ORGANIZATION_FIELD?: string = undefined;

  @IsOptional()
  @Matches(/\{external(Id|Key)\}/, { message: 'must contain {externalId} or {externalKey}' })
  TICKET_URL_TEMPLATE?: string = undefined;

  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true })
  OUTBOUND_WEBHOOK_URL?: string = undefined;

  @IsOptional() @IsString() OUTBOUND_WEBHOOK_SECRET?: string = undefined;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** Agents going offline keep what they hold this long before it returns to the queue. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  OFFLINE_GRACE_SECONDS = 300;

  /** A severity 1 ticket that nobody eligible claimed within this time raises an alarm for managers. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  SEV1_ALARM_SECONDS = 900;

  @Transform(toInt)
  @IsInt()
  @Min(60)
  CONSENT_REQUEST_TTL_SECONDS = 86_400;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  RETENTION_DAYS = 365;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  SWEEP_INTERVAL_MS = 5_000;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_PER_MINUTE = 6_000;

  @Transform(toBool)
  @IsBoolean()
  TRUST_PROXY = false;

  /**
   * Requests one API process handles at once; the next gets 503 with Retry-After before its body is read.
   * Sized for 2 cores and a pool of 20 connections: ~500 webhooks/s at most, so 256 waiting is already
   * half a second of queue, and 256 bodies of at most 256 KiB bound the heap they can take.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100_000)
  MAX_REQUESTS_IN_FLIGHT = 256;

  /** How long after the process started start-up waits for PostgreSQL and Redis to answer, before it stops naming the one that did not. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(25)
  STARTUP_WAIT_SECONDS = 20;

  /**
   * Where people reach the console and the customer approval pages (links sent to customers start with it).
   * Required in production: a default would send customers links to localhost.
   */
  @ValidateIf((c: AppConfig) => c.NODE_ENV === 'production' || c.PUBLIC_URL !== undefined)
  @IsUrl(
    { require_tld: false, require_protocol: true, protocols: ['http', 'https'] },
    { message: 'must be the absolute http(s) URL people reach the service at; required in production' },
  )
  PUBLIC_URL?: string = undefined;

  /** Requests per minute to one customer approval link, and from one client address to any approval link. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  APPROVAL_LINK_RATE_LIMIT_PER_MINUTE = 20;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  APPROVAL_ADDRESS_RATE_LIMIT_PER_MINUTE = 60;

  /** A console session ends after this long without a request... */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  SESSION_IDLE_MINUTES = 30;

  /** ...and this long after sign-in whatever happens, so a forgotten browser does not stay signed in. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  SESSION_MAX_HOURS = 12;

  /** How often the worker signs the audit chain's head (when it moved): the window a deleted tail could go unseen. */
  @Transform(toInt)
  @IsInt()
  @Min(1_000)
  AUDIT_CHECKPOINT_INTERVAL_MS = 60_000;
}

export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Builds the validated config from an environment map; throws with one line per bad variable. */
export function loadConfig(env: Record<string, string | undefined>): AppConfig {
  const known = new Set(Object.keys(new AppConfig()));
  const present = Object.fromEntries(Object.entries(env).filter(([k, v]) => v !== undefined && known.has(k)));
  const config = plainToInstance(AppConfig, present, { exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: false, forbidUnknownValues: false });
  if (errors.length > 0) {
    const problems = errors.map((e) => {
      const shown = sensitive(e.property) ? '(hidden)' : JSON.stringify(present[e.property] ?? e.value);
      return `${e.property}=${shown}: ${Object.values(e.constraints ?? {}).join('; ')}`;
    });
    throw new ConfigValidationError(problems);
  }
  return config;
}

function sensitive(name: string): boolean {
  return /TOKEN|KEY|SECRET|PASSWORD|DATABASE_URL|REDIS_URL/.test(name);
}

/** The process environment, validated: the one place entry points read it from. */
export function loadConfigFromProcess(): AppConfig {
  return loadConfig(process.env);
}

/** PUBLIC_URL without a trailing slash; unset, the local address of the API (fine for development only). */
export function publicUrl(config: AppConfig): string {
  return (config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/+$/, '');
}

/** Secrets per webhook source, by lowercase source name. */
export function webhookSecrets(config: AppConfig): Record<'generic' | 'zendesk' | 'jira', string[]> {
  return { generic: config.WEBHOOK_SECRET_GENERIC, zendesk: config.WEBHOOK_SECRET_ZENDESK, jira: config.WEBHOOK_SECRET_JIRA };
}
