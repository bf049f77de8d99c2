/**
 * Runs once around the whole test run: every temporary folder the tests (and the processes they
 * spawn) make goes under one fresh root, set as TMPDIR before the test workers start, and the
 * root is removed at the end, so a run leaves nothing behind in the system's temp folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'keiba-tests-'));
  process.env.TMPDIR = root;
  return () => rmSync(root, { recursive: true, force: true });
}
