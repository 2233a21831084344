import { ChildProcess, spawn } from 'node:child_process';
import { Redis } from 'ioredis';
import { sleep } from './service';

/**
 * A private, throw-away redis-server for drills: never the machine's shared one. No persistence,
 * so a restart loses every key, the harshest case for the queue.
 */
export class PrivateRedis {
  private child?: ChildProcess;

  constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no',
      '--maxmemory-policy', 'noeviction', '--daemonize', 'no'], { stdio: 'ignore' });
    const redis = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    redis.on('error', () => undefined); // refused while the server starts: expected
    for (let i = 0; i < 50; i++) {
      if (await redis.connect().then(() => redis.ping(), () => null)) break;
      await sleep(100);
    }
    redis.disconnect();
  }

  /** SIGKILL: the server dies with everything it held. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }
}
