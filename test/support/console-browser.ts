import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, Page, chromium } from 'playwright-core';

const ROOT = join(__dirname, '..', '..');
export const CHROMIUM = '/usr/bin/chromium';
/** Screenshots of every page a test visits; git-ignored. A few are copied to docs/console/ by hand. */
export const SCREENSHOT_DIR = join(ROOT, 'test-results', 'console');

/** The console the API serves; built once when a test runs before `npm run build` did. */
export function ensureConsoleBuilt(): void {
  if (existsSync(join(ROOT, 'dist', 'console', 'index.html'))) return;
  execFileSync(
    process.execPath,
    [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'apps/console/vite.config.mjs'],
    { cwd: ROOT, stdio: 'inherit' },
  );
}

/** Debian's Chromium, headless, quiet on the network (no updates, sync or background calls). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A fresh browser profile at the size the console is designed for, signed in with `token` when given. */
export async function openConsole(
  browser: Browser,
  baseUrl: string,
  token?: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    baseURL: baseUrl,
    acceptDownloads: true,
    timezoneId: 'Europe/Dublin',
  });
  const page = await context.newPage();
  await page.goto('/console/');
  if (token) {
    await page.getByLabel('Access token').fill(token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
  }
  return { context, page };
}

const AXE = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/**
 * axe-core's serious and critical violations on the page, as "rule: target" lines. Injected through
 * the DevTools protocol (not a <script> tag), so the page's CSP stays as strict as in production.
 */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  type AxeResults = { violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> };
  // Runs in the page; typed loosely because this project compiles without the DOM library.
  const already = await page.evaluate(() => (globalThis as unknown as { axe?: unknown }).axe !== undefined);
  if (!already) await page.evaluate(AXE);
  const results = await page.evaluate(async () => {
    const g = globalThis as unknown as { axe: { run(ctx: unknown, opts: object): Promise<AxeResults> }; document: unknown };
    return g.axe.run(g.document, { resultTypes: ['violations'] });
  });
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}
