/**
 * `npm run demo`: a guided tour for a newcomer. Starts the service on a free port against the local
 * PostgreSQL and Redis (own database eea_router_demo, queue prefix eea-demo) — or talks to DEMO_URL
 * (with DEMO_ADMIN_TOKEN and DEMO_WEBHOOK_SECRET) — and shows who can claim what, and why.
 * It cleans up after itself: stops the service, drops its database and its Redis keys.
 */
import { createServer } from 'node:net';
import { clearRedisPrefix, dropDatabase, recreateDatabase } from './support/db';
import { ApiClient } from './support/http';
import { Service } from './support/service';
import { bold, dim, red, say } from './demo/output';
import { story } from './demo/story';

const DATABASE = 'eea_router_demo';
const PREFIX = 'eea-demo';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** In a terminal the demo's data stays up for the console until Enter is pressed. */
async function keepOpenForTheConsole(url: string): Promise<void> {
  say(`The console stays at ${url}/console/ with the demo's data; press Enter to stop and clean up.`);
  await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
  process.stdin.pause();
}

async function main(): Promise<void> {
  console.log(bold('eea-router demo: who may work which support ticket, and why'));
  const given = process.env.DEMO_URL;
  let service: Service | undefined;
  let admin: ApiClient;
  let secret: string;
  if (given) {
    admin = new ApiClient(given.replace(/\/$/, ''), process.env.DEMO_ADMIN_TOKEN);
    secret = process.env.DEMO_WEBHOOK_SECRET ?? '';
    say(`using the service at ${given}`);
  } else {
    secret = 'demo-webhook-secret-0123456789';
    const token = 'demo-admin-token-0123456789abcdef';
    const [apiPort, workerPort] = [await freePort(), await freePort()];
    say(dim(`starting the API (:${apiPort}) and the worker (:${workerPort}) on database ${DATABASE} ...`));
    await recreateDatabase(DATABASE);
    await clearRedisPrefix(PREFIX);
    service = new Service({
      database: DATABASE,
      queuePrefix: PREFIX,
      apiPort,
      workerPort,
      adminToken: token,
      webhookSecret: secret,
    });
    await service.start();
    admin = new ApiClient(service.url, token);
    say(bold(`Console: ${service.url}/console/ — sign in with the access token ${token}`));
    say(`service running at ${service.url} (API docs at ${service.url}/docs)`);
  }
  try {
    await story({ admin, secret, run: `demo-${Date.now().toString(36)}` });
    console.log(`\n${bold('Done.')} Read docs/ and the README for how it works; ${dim('npm start')} runs the service for real.`);
    if (service && process.stdin.isTTY) await keepOpenForTheConsole(service.url);
  } finally {
    if (service) {
      await service.stop();
      await dropDatabase(DATABASE);
      await clearRedisPrefix(PREFIX);
      say(dim('cleaned up: service stopped, demo database and Redis keys removed'));
    }
  }
}

main().catch((e: unknown) => {
  console.error(red(`\ndemo failed: ${(e as Error).message}`));
  process.exitCode = 1;
});
