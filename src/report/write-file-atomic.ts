/**
 * Writes a file through a temporary sibling and a rename, so a reader never sees half a file.
 * Layer: report. Not pure (writes the file system).
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs';

/**
 * Writes `data` to `path` atomically (same folder temp file, then rename over the target).
 * @example writeFileAtomic('out/report.html', html) // out/report.html holds html
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
