/**
 * Locates the shared real datasets (`../shared/datasets` beside the project) for tests.
 * On a user's clone they are absent: tests that need them skip with a visible message.
 * In CI (`CI=true`) they must be present, so their absence fails the run instead of skipping.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SHARED_ROOT = resolve(PROJECT_ROOT, '../shared');

/**
 * Path of a shared dataset folder or file (relative to `../shared`), or undefined when absent
 * outside CI (after printing why the dependent tests skip).
 * @throws Error in CI when the shared data is missing.
 */
export function sharedPath(relative: string): string | undefined {
  const p = resolve(SHARED_ROOT, relative);
  if (existsSync(p)) return p;
  if (process.env.CI === 'true') {
    throw new Error(`shared data ${relative} is missing in CI (expected at ../shared/${relative})`);
  }
  console.warn(`SKIP: ../shared/${relative} is not present; tests that need it are skipped.`);
  return undefined;
}
