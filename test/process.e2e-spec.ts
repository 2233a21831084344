import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PrivateRedis, dropEnvironment, isolatedEnv, randomPort, waitFor } from '@eea/testing';

const MAIN = join(__dirname, '..', 'dist', 'apps', 'main.js');

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function run(env: Record<string, string>, onStarted?: (pid: number) => Promise<void>, timeoutMs = 20_000): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`process did not exit: ${stderr}`));
    }, timeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    if (onStarted)
      onStarted(child.pid!).catch((e) => {
        child.kill('SIGKILL');
        reject(e);
      });
  });
}

/** The compiled service as operators run it (`npm start` runs dist/apps/main.js). */
describe('the service process', () => {
  beforeAll(() => {
    if (!existsSync(MAIN)) throw new Error('dist/apps/main.js is missing: run `npm run build` (npm test does)');
  });

  it('refuses to start with a misconfigured variable, naming it', async () => {
    const result = await run({ ...isolatedEnv(), PORT: 'eighty', REDIS_URL: 'http://wrong' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/PORT="eighty"/);
    expect(result.stderr).toMatch(/REDIS_URL=\(hidden\): must be a redis:\/\/ URL/);
  });

  it('refuses an invalid policy file with the path and the reason', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'eea-policy-'));
    const file = join(dir, 'policy.yaml');
    writeFileSync(file, 'version: 1\nbogus: true\n');
    const result = await run({ ...isolatedEnv(), POLICY_FILE: file });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('bogus');
  });

  it('refuses a Redis that may evict keys', async () => {
    const redis = new PrivateRedis(randomPort(), ['--maxmemory-policy', 'allkeys-lru']);
    await redis.start();
    try {
      const result = await run({ ...isolatedEnv(), REDIS_URL: redis.url });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/maxmemory-policy is "allkeys-lru".*requires "noeviction"/);
    } finally {
      await redis.stop();
    }
  });

  it('explains a decision from a ticket file without HTTP (policy:explain)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'eea-explain-'));
    const file = join(dir, 'ticket.json');
    writeFileSync(
      file,
      JSON.stringify({
        ticket: { region: 'eu-west-1', severity: 3, tier: 'eea_only' },
        agents: [
          { id: 'us-1', country: 'US' },
          { id: 'de-1', country: 'DE' },
        ],
      }),
    );
    const cli = join(__dirname, '..', 'dist', 'apps', 'cli', 'policy-explain.js');
    const output = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      const child = spawn(process.execPath, [cli, file, '--at', '2026-11-28T10:00:00Z', '--json'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      child.stdout.on('data', (d) => {
        stdout += d;
      });
      child.on('exit', (code) => resolve({ code, stdout }));
    });
    expect(output.code).toBe(0);
    const result = JSON.parse(output.stdout);
    expect(result).toMatchObject({ jurisdiction: 'EEA', routable: false, deferredUntil: '2026-11-30T08:00:00.000Z' });
    expect(result.agents).toEqual([
      expect.objectContaining({ id: 'us-1', eligible: false }),
      expect.objectContaining({ id: 'de-1', eligible: true }),
    ]);
  });

  it('starts, creates and migrates its database, serves, and drains on SIGTERM', async () => {
    const port = randomPort();
    const env = { ...isolatedEnv(), PORT: String(port), LOG_LEVEL: 'info' };
    try {
      const result = await run(env, async (pid) => {
        await waitFor(
          async () => (await fetch(`http://127.0.0.1:${port}/health/ready`).catch(() => null))?.status === 200,
          15_000,
          'ready',
        );
        process.kill(pid, 'SIGTERM');
      });
      expect(result.code === 0 || result.signal === 'SIGTERM').toBe(true);
      expect(result.stdout).toContain('eea-router started');
      await expect(fetch(`http://127.0.0.1:${port}/health/live`)).rejects.toThrow();
    } finally {
      await dropEnvironment(env);
    }
  });
});
