import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dropEnvironment, isolatedEnv, randomPort, waitFor } from '@eea/testing';

const MAIN = join(__dirname, '..', 'dist', 'apps', 'main.js');

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs the compiled service; `whenStarted` may stop it. Rejects if it has not exited after `limitMs`. */
function run(
  env: Record<string, string>,
  options: { whenStarted?: (pid: number, output: () => string | null) => Promise<void>; limitMs?: number } = {},
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(process.execPath, [MAIN], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let exited = false;
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`still running after ${options.limitMs} ms: ${stderr}`));
    }, options.limitMs ?? 45_000);
    child.on('exit', (code, signal) => {
      exited = true;
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: Date.now() - started });
    });
    // null once the process has exited, so a caller waiting for a line stops waiting.
    options
      .whenStarted?.(child.pid!, () => (exited ? null : stderr))
      .catch((e) => {
        child.kill('SIGKILL');
        reject(e);
      });
  });
}

const lines = (text: string) => text.split('\n').filter(Boolean);
const without = (env: Record<string, string>, ...names: string[]) =>
  Object.fromEntries(Object.entries(env).filter(([k]) => !names.includes(k)));

/** SPEC 7: a start that never hangs, says in one line what is wrong, and says where it listens. */
describe('start-up of the compiled service', () => {
  beforeAll(() => {
    if (!existsSync(MAIN)) throw new Error('dist/apps/main.js is missing: run `npm run build` (npm test does)');
  });

  it('stops within 30 s when PostgreSQL is unreachable, in one line naming DATABASE_URL', async () => {
    const port = randomPort();
    const result = await run(
      {
        ...without(isolatedEnv(), 'STARTUP_WAIT_SECONDS'),
        DATABASE_URL: `postgres://postgres:s3cret@127.0.0.1:${port}/eea_router`,
      },
      { limitMs: 30_000 },
    );
    expect(result.code).toBe(1);
    expect(result.ms).toBeLessThan(30_000);
    expect(lines(result.stderr)).toEqual([
      `Cannot reach PostgreSQL at DATABASE_URL (127.0.0.1:${port}/eea_router): connect ECONNREFUSED 127.0.0.1:${port}. Start it or fix DATABASE_URL.`,
    ]);
    expect(result.stderr + result.stdout).not.toContain('s3cret');
  });

  it('stops when Redis is unreachable, in one line naming REDIS_URL, without a flood of client errors', async () => {
    const port = randomPort();
    const result = await run({ ...isolatedEnv(), STARTUP_WAIT_SECONDS: '3', REDIS_URL: `redis://127.0.0.1:${port}` });
    expect(result.code).toBe(1);
    expect(lines(result.stderr)).toEqual([
      expect.stringMatching(
        new RegExp(`^Cannot reach Redis at REDIS_URL \\(127\\.0\\.0\\.1:${port}\\): .*ECONNREFUSED.*fix REDIS_URL\\.$`),
      ),
    ]);
    expect(result.stdout).not.toMatch(/Unhandled error event/);
  });

  it('names both when neither answers, one line each', async () => {
    const result = await run({
      ...isolatedEnv(),
      STARTUP_WAIT_SECONDS: '2',
      DATABASE_URL: `postgres://postgres@127.0.0.1:${randomPort()}/x`,
      REDIS_URL: `redis://127.0.0.1:${randomPort()}`,
    });
    expect(result.code).toBe(1);
    expect(lines(result.stderr).map((l) => /at (DATABASE_URL|REDIS_URL)/.exec(l)?.[1])).toEqual(['DATABASE_URL', 'REDIS_URL']);
    expect(lines(result.stderr).every((l) => /ECONNREFUSED/.test(l))).toBe(true);
  });

  it('places a policy YAML error at its line and column, and names a missing policy file plainly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'eea-startup-'));
    const broken = join(dir, 'policy.yaml');
    writeFileSync(broken, 'version: 1\ntimezone: Europe/Brussels\ntimezone: Europe/Paris\n');
    const bad = await run({ ...isolatedEnv(), POLICY_FILE: broken });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/\(yaml line 3, column 1\): .*unique/i);
    expect(bad.stderr).not.toMatch(/line 0, column 0/);

    const missing = join(dir, 'nope.yaml');
    const gone = await run({ ...isolatedEnv(), POLICY_FILE: missing });
    expect(gone.code).toBe(1);
    expect(lines(gone.stderr)).toEqual([
      `Cannot read the residency policy file POLICY_FILE=${missing} (${missing}): no such file.`,
    ]);
  });

  it('names a missing or invalid vocabularies file (SOURCES_FILE) in its own lines, without a stack', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'eea-startup-'));
    const missing = join(dir, 'sources.yaml');
    const gone = await run({ ...isolatedEnv(), SOURCES_FILE: missing });
    expect(gone.code).toBe(1);
    expect(lines(gone.stderr)).toEqual([
      `Cannot read the ticketing-system vocabularies file SOURCES_FILE=${missing} (${missing}): no such file.`,
    ]);
    writeFileSync(missing, 'zendesk:\n  defaultSeverity: 9\n');
    const bad = await run({ ...isolatedEnv(), SOURCES_FILE: missing });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^Invalid sources file/);
    expect(bad.stderr).toMatch(/zendesk\.defaultSeverity \(line 2\)/);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });

  it('warns in one line each about what is not set up, says where it listens, and keeps route mapping at debug', async () => {
    const port = randomPort();
    const env = {
      ...without(isolatedEnv(), 'ADMIN_TOKEN', 'PSEUDONYM_KEY', 'WEBHOOK_SECRET_ZENDESK', 'WEBHOOK_SECRET_JIRA'),
      PORT: String(port),
      LOG_LEVEL: 'info',
    };
    try {
      // Generous: a first start migrates a new database, on a machine other test runs keep busy.
      const result = await run(env, {
        limitMs: 100_000,
        whenStarted: async (pid, stderr) => {
          await waitFor(
            async () => {
              const out = stderr();
              return out === null || /listening on/.test(out);
            },
            90_000,
            'listening line',
          );
          if (stderr() !== null) process.kill(pid, 'SIGTERM');
        },
      });
      expect(result.stderr).toMatch(/listening on/);
      const notices = lines(result.stderr);
      expect(notices.filter((l) => /ADMIN_TOKEN/.test(l))).toEqual([
        expect.stringMatching(/^Warning: ADMIN_TOKEN is not set and the database has no admin token/),
      ]);
      expect(notices.filter((l) => /PSEUDONYM_KEY/.test(l))).toEqual([expect.stringMatching(/built-in, publicly known key/)]);
      expect(notices.filter((l) => /^Warning: webhook source/.test(l))).toEqual([
        'Warning: webhook source zendesk has no secret (WEBHOOK_SECRET_ZENDESK), so its deliveries are refused with 401.',
        'Warning: webhook source jira has no secret (WEBHOOK_SECRET_JIRA), so its deliveries are refused with 401.',
      ]);
      expect(notices.filter((l) => /listening on/.test(l))).toEqual([
        expect.stringContaining(
          `listening on http://localhost:${port}: API http://localhost:${port}/v1, API docs http://localhost:${port}/docs`,
        ),
      ]);
      expect(result.stdout).not.toMatch(/Mapped \{|RoutesResolver|InstanceLoader/);
      expect(result.stdout).toContain('eea-router started');
    } finally {
      await dropEnvironment(env);
    }
  }, 120_000);
});
