import { ChildProcess, spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Settings shared by every script-started service: its own database, queue prefix and ports. */
export interface ServiceSettings {
  database: string;
  queuePrefix: string;
  apiPort: number;
  workerPort: number;
  redisUrl?: string;
  adminToken: string;
  webhookSecret: string;
  extraEnv?: Record<string, string>;
}

export const PG_BASE = 'postgres://postgres@127.0.0.1:5432';

/** One signing key per script run (production mode requires one); every process of the run shares it. */
const SIGNING_KEYS = `script:${generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64')}`;

export function serviceEnv(s: ServiceSettings): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'production',
    PORT: String(s.apiPort),
    WORKER_PORT: String(s.workerPort),
    HOST: '127.0.0.1',
    DATABASE_URL: `${PG_BASE}/${s.database}`,
    REDIS_URL: s.redisUrl ?? 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: s.queuePrefix,
    ADMIN_TOKEN: s.adminToken,
    WEBHOOK_SECRET_GENERIC: s.webhookSecret,
    PSEUDONYM_KEY: 'k1:script-pseudonym-key-0123456789',
    SIGNING_KEYS,
    PUBLIC_URL: `http://127.0.0.1:${s.apiPort}`,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '10000000',
    ...s.extraEnv,
  };
}

/** One service process (API or worker) run as a child, with its output kept for diagnosis. */
export class ServiceProcess {
  private child?: ChildProcess;
  private output: string[] = [];
  exitCode: number | null = null;

  constructor(
    readonly role: 'api' | 'worker',
    private readonly env: Record<string, string>,
    private readonly quiet = true,
  ) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get port(): number {
    return Number(this.role === 'api' ? this.env.PORT : this.env.WORKER_PORT);
  }

  async start(timeoutMs = 30_000): Promise<void> {
    this.exitCode = null;
    const main = entryPoint(this.role);
    // SERVICE_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' profiles the children (written when they stop).
    const nodeArgs = process.env.SERVICE_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
    const child = spawn(process.execPath, [...nodeArgs, main], { env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    const keep = (chunk: Buffer) => {
      this.output.push(chunk.toString());
      if (this.output.length > 200) this.output.shift();
      if (!this.quiet) process.stderr.write(`[${this.role}] ${chunk.toString()}`);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    child.on('exit', (code, signal) => {
      this.exitCode = code ?? (signal ? 128 : 0);
    });
    await this.waitReady(timeoutMs);
  }

  /** Waits until /health/ready answers 200 (PostgreSQL and Redis reachable). */
  async waitReady(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.exitCode !== null) throw new Error(`${this.role} exited with ${this.exitCode}:\n${this.logs()}`);
      const ok = await fetch(`http://127.0.0.1:${this.port}/health/ready`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) return;
      await sleep(200);
    }
    throw new Error(`${this.role} not ready after ${timeoutMs} ms:\n${this.logs()}`);
  }

  logs(): string {
    return this.output.join('').split('\n').slice(-40).join('\n');
  }

  /** Peak resident set size (VmHWM) in MB, read from /proc while the process lives. */
  peakRssMb(): number | null {
    if (!this.child?.pid || this.exitCode !== null) return null;
    try {
      const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
      const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1]);
      return Number.isFinite(kb) ? Math.round(kb / 1024) : null;
    } catch {
      return null;
    }
  }

  /** Sends a signal and waits for the exit (SIGKILL after `graceMs`). */
  async stop(signal: NodeJS.Signals = 'SIGTERM', graceMs = 15_000): Promise<number | null> {
    const child = this.child;
    if (!child || this.exitCode !== null) return this.exitCode;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
    return this.exitCode;
  }
}

/** API and worker as separate processes, as `npm run start:api` / `start:worker` run them. */
export class Service {
  readonly api: ServiceProcess;
  readonly worker: ServiceProcess;
  readonly url: string;

  constructor(
    readonly settings: ServiceSettings,
    quiet = true,
  ) {
    const env = serviceEnv(settings);
    this.api = new ServiceProcess('api', env, quiet);
    this.worker = new ServiceProcess('worker', env, quiet);
    this.url = `http://127.0.0.1:${settings.apiPort}`;
  }

  async start(): Promise<void> {
    // The API migrates first; the worker then finds the schema in place.
    await this.api.start(60_000);
    await this.worker.start(60_000);
  }

  async stop(): Promise<void> {
    await Promise.allSettled([this.api.stop(), this.worker.stop()]);
  }
}

/** dist/apps/<role>/main.js, or where tsc puts it with rootDir "." (dist/apps/<role>/src/main.js). */
function entryPoint(role: 'api' | 'worker'): string {
  const candidates = [
    join(process.cwd(), 'dist', 'apps', role, 'main.js'),
    join(process.cwd(), 'dist', 'apps', role, 'src', 'main.js'),
  ];
  return candidates.find((p) => existsSync(p)) ?? candidates[0];
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
