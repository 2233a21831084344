import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Reads a configuration file named by a setting (POLICY_FILE, SOURCES_FILE) at start-up. A file that
 * cannot be read becomes one plain line naming the setting, the path and why (no stack), built into the
 * caller's own error type by `fail`.
 */
export function readSettingFile(
  path: string,
  what: string,
  variable: string | undefined,
  fail: (message: string) => Error,
): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EACCES'
          ? 'permission denied'
          : code === 'EISDIR'
            ? 'is a directory'
            : 'cannot be read';
    throw fail(`Cannot read the ${what} ${variable ? `${variable}=` : ''}${path} (${resolve(path)}): ${why}.`);
  }
}
