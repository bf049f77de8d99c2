/**
 * Atomic output of sweep results: files go to a temporary sibling first and are renamed into
 * place, so a failed or interrupted run leaves nothing partial. Layer: sim (file system edge).
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { SimError } from '../errors.ts';

/**
 * Writes `files` (name -> content) as the folder `dir`: into `dir.tmp-<pid>` first, then
 * renamed. An existing non-empty `dir` is refused unless `overwrite` (then it is replaced).
 * @throws SimError SIM_OUT_EXISTS, SIM_WRITE_FAILED (the target is left untouched)
 * @example writeFolderAtomic('results/x', { 'summary.json': '{}\n' }, false)
 */
export function writeFolderAtomic(dir: string, files: Readonly<Record<string, string | Uint8Array>>, overwrite: boolean): void {
  if (existsSync(dir) && readdirSync(dir).length > 0 && !overwrite) {
    throw new SimError('SIM_OUT_EXISTS', 'the output folder exists and is not empty (use --force to replace it)', { file: dir });
  }
  const parent = dirname(dir);
  const tmp = join(parent, `.${basename(dir)}.tmp-${process.pid}`);
  try {
    mkdirSync(parent, { recursive: true });
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp);
    for (const [name, content] of Object.entries(files)) writeFileSync(join(tmp, name), content);
    if (existsSync(dir)) {
      const old = join(parent, `.${basename(dir)}.old-${process.pid}`);
      renameSync(dir, old);
      renameSync(tmp, dir);
      rmSync(old, { recursive: true, force: true });
    } else {
      renameSync(tmp, dir);
    }
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw new SimError('SIM_WRITE_FAILED', `cannot write results (${(e as Error).message})`, { file: dir });
  }
}

/**
 * Writes one file atomically (temporary sibling, then rename), creating its folder.
 * @throws SimError SIM_OUT_EXISTS when the file exists and not `overwrite`; SIM_WRITE_FAILED
 * @example writeFileAtomic('shards/shard-0-of-3.arrow', bytes, false)
 */
export function writeFileAtomic(file: string, content: string | Uint8Array, overwrite: boolean): void {
  if (existsSync(file) && !overwrite) {
    throw new SimError('SIM_OUT_EXISTS', 'the file exists (use --force to replace it)', { file });
  }
  const tmp = join(dirname(file), `.${basename(file)}.tmp-${process.pid}`);
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(tmp, content);
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new SimError('SIM_WRITE_FAILED', `cannot write (${(e as Error).message})`, { file });
  }
}
